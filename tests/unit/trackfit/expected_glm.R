# Independent check of jobbspar-trackfit's placement model with R's glm
# (binomial, logit link; base R, no packages). Usage:
#   Rscript expected_glm.R OUTCOMES.tsv MODEL.tsv TRACK[,TRACK...]
# Builds the design matrix from docs/METHOD.md section 3 (not from the C
# code): intercept; kvinna; age bands 16-24, 35-44, 45+ (reference 25-34,
# unknown age = reference); SUN 3-4, 5-6, unknown (reference 0-2);
# swedish_rank 1-6 with swedish_unknown; years_since_arrival clipped to 0-10
# with arrival_unknown; one dummy per configured track except the first with
# outcomes. Rows of other tracks or with an empty outcome are left out; terms
# constant in the data are dropped. Compares estimate and standard error of
# every estimated term with MODEL.tsv (relative 1e-6) and the terms the stage
# reports as not estimated. Exit status 0 when all agree.
args <- commandArgs(trailingOnly = TRUE)
d <- read.delim(args[1], colClasses = "character", quote = "", na.strings = character(0))
m <- read.delim(args[2], colClasses = "character", quote = "", na.strings = character(0))
tracks <- strsplit(args[3], ",")[[1]]
d <- d[d$track %in% tracks & d$employed_365d != "", ]
num <- function(x) suppressWarnings(as.numeric(x))
age <- num(d$age); sun <- num(d$sun_level); yrs <- num(d$years_since_arrival)
sw <- match(tolower(d$swedish_level), c("sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas", "modersmål"))
X <- data.frame(
  intercept = 1,
  kvinna = as.numeric(d$sex == "kvinnor"),
  age_16_24 = as.numeric(!is.na(age) & age <= 24),
  age_35_44 = as.numeric(!is.na(age) & age >= 35 & age <= 44),
  age_45_plus = as.numeric(!is.na(age) & age >= 45),
  sun_3_4 = as.numeric(!is.na(sun) & sun >= 3 & sun <= 4),
  sun_5_6 = as.numeric(!is.na(sun) & sun >= 5),
  sun_unknown = as.numeric(is.na(sun)),
  swedish_rank = ifelse(is.na(sw), 0, sw),
  swedish_unknown = as.numeric(is.na(sw)),
  years_since_arrival = ifelse(is.na(yrs), 0, pmin(pmax(yrs, 0), 10)),
  arrival_unknown = as.numeric(is.na(yrs)))
with_outcomes <- tracks[tracks %in% d$track]
ref <- with_outcomes[1]
for (t in tracks) if (t != ref) X[[paste0("track_", t)]] <- as.numeric(d$track == t)
y <- num(d$employed_365d)
keep <- sapply(names(X), function(n) n == "intercept" || length(unique(X[[n]])) > 1)
Xk <- as.matrix(X[, keep, drop = FALSE])
fit <- glm(y ~ Xk - 1, family = binomial(link = "logit"), control = glm.control(epsilon = 1e-14, maxit = 100))
co <- summary(fit)$coefficients
rownames(co) <- sub("^Xk", "", rownames(co))
bad <- 0
for (term in rownames(co)) {
  row <- m[m$kind == "coefficient" & m$term == term, ]
  if (nrow(row) != 1) { cat("model.tsv has no term", term, "\n"); bad <- bad + 1; next }
  for (j in 1:2) {
    got <- num(row[[c("estimate", "std_error")[j]]]); want <- co[term, j]
    if (!(abs(got - want) <= 1e-6 * max(1, abs(want)))) {
      cat(sprintf("%s %s: stage %.10g, R glm %.10g\n", term, c("estimate", "std_error")[j], got, want))
      bad <- bad + 1
    }
  }
}
for (term in names(X)[!keep]) {
  row <- m[m$kind == "coefficient" & m$term == term, ]
  if (nrow(row) == 1 && row$estimate != "") { cat("the stage estimated", term, "which is constant\n"); bad <- bad + 1 }
}
cat(sprintf("glm: %d outcomes, %d terms, log-likelihood %.6f; %s\n", length(y), ncol(Xk),
            as.numeric(logLik(fit)), if (bad) paste(bad, "differences") else "all agree"))
ll <- num(m$estimate[m$kind == "fit" & m$term == "log_likelihood"])
if (length(ll) == 1 && abs(ll - as.numeric(logLik(fit))) > 1e-6) { cat("log-likelihood differs:", ll, "\n"); bad <- bad + 1 }
quit(status = if (bad) 1 else 0)
