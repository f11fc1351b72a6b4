/* ssykmap: JobTech's SSYK 2012 groups against SCB's. JobTech merges some of
 * SCB's groups (1211 and 1212 into 1210, 5322 into 5321, 5324 into 5323);
 * data/ref/ssyk2012_scb_level4.csv gives each SCB group its JobTech
 * equivalent, and this reverses that. */
#ifndef JOBBSPAR_SSYKMAP_H
#define JOBBSPAR_SSYKMAP_H

enum ssykmap_kind {
	SSYKMAP_SAME,      /* the JobTech group is one SCB group of the same code */
	SSYKMAP_RECODED,   /* one SCB group of another code */
	SSYKMAP_MERGED,    /* several SCB groups, one of them of the same code */
	SSYKMAP_SPLIT,     /* several SCB groups, none of the same code */
	SSYKMAP_UNKNOWN    /* no SCB group */
};

struct ssykmap;

/* Loads REFDIR/ssyk2012_scb_level4.csv. NULL with a message on failure.
 * Caller frees with ssykmap_free. */
struct ssykmap *ssykmap_load(const char *refdir);
void ssykmap_free(struct ssykmap *m);
/* What JobTech's 4-digit CODE is in SCB's list: the kind, the SCB code to
 * write (SAME, RECODED, MERGED) into OUT (5 bytes), and for MERGED and SPLIT
 * the SCB codes it covers ("5321 and 5322") into COVERS (>= 64 bytes). */
enum ssykmap_kind ssykmap_lookup(const struct ssykmap *m, const char *code, char out[5], char *covers);

#endif
