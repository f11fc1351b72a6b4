/* compare: the z-test of a difference between two independent survey
 * estimates (two municipalities' shares or balances in compare.tsv).
 *
 * Rule: with d = pa - pb and se = sqrt(va + vb), z = d / se and the
 * two-sided p = 2 Q(|z|) are given only when se > tol * max(1, |pa|, |pb|).
 * At or below that, the comparison has no sampling variance (every
 * respondent on both sides gave the same answer, or a census): z and p are
 * NaN, se is reported as 0 and the status is COMPARE_NO_VARIANCE. A z of
 * 1e16 from a variance of 1e-28 is rounding noise divided by rounding
 * noise, not evidence of a difference. COMPARE_SE_RTOL (1e-9) is the
 * tolerance to pass: rounding leaves an se of order 1e-16 times the scale
 * of the estimates times a small multiple of the sample size, far below
 * it, while any real standard error is far above it (one of 1e-9 times
 * the scale prints as 0 at the 4 decimals of a share or 2 of a balance).
 * The scale has a floor of 1 so that two shares near 0 are still judged
 * against an absolute 1e-9. Estimates or variances that are NaN, infinite
 * or (variances) negative give COMPARE_UNDEFINED with d, se, z, p NaN
 * (d is still pa - pb when both are finite). */
#ifndef JOBBSPAR_SHORTAGE_COMPARE_H
#define JOBBSPAR_SHORTAGE_COMPARE_H

#define COMPARE_SE_RTOL 1e-9

enum compare_status {
	COMPARE_OK = 0,          /* z and p given */
	COMPARE_NO_VARIANCE = 1, /* degenerate: no sampling variance */
	COMPARE_UNDEFINED = 2,   /* an estimate or variance is missing or invalid */
};

struct compare_result {
	double diff, se, z, p;
	enum compare_status status;
};

/* Fills OUT (caller's) by the rule above and returns its status. TOL is
 * the relative tolerance (COMPARE_SE_RTOL; NaN or negative: 0, so that
 * only an se of exactly 0 is degenerate). */
enum compare_status compare_diff(double pa, double va, double pb, double vb, double tol,
				 struct compare_result *out);

/* The flag for compare.tsv: "" (COMPARE_OK), "no_variance",
 * "no_estimate" (static). */
const char *compare_status_flag(enum compare_status s);

#endif
