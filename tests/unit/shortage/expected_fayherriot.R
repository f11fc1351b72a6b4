# Cross-check of expected_fayherriot.py in base R (Rscript, no packages):
# the same fixtures, recomputed a third way. REML: root of the score
#   s(A) = -tr(P)/2 + y'P P y/2,  P = V^-1 - V^-1 X (X'V^-1X)^-1 X'V^-1
# with dense m x m matrices, found by uniroot (the Python script uses a
# complex-step derivative of the log-likelihood instead, the C code p x p
# trace formulas). FH moment: uniroot on
#   sum (y - X beta~(A))^2 / (A + psi) - (m - p)
# with beta~ from lm.wfit. MSE formulas as in the header of
# stages/shortage/fayherriot.h. Run:
#   Rscript tests/unit/shortage/expected_fayherriot.R
# Agrees with the Python output to within 1e-13 (checked when written: the
# largest difference over all 236 printed numbers was 1.1e-14).

x2 <- c(1.2, 2.0, 2.9, 3.5, 4.1, 5.0, 5.8, 6.4, 7.7, 8.3)
psi2 <- c(0.8, 1.5, 0.4, 2.2, 0.9, 1.1, 0.3, 1.8, 0.6, 1.3)
y2 <- c(2.9, 1.6, 3.8, 5.9, 3.2, 4.4, 6.3, 3.9, 7.1, 5.2)
y3 <- c(1.7, 1.9, 2.6, 2.5, 3.1, 3.4, 3.9, 4.1, 4.9, 5.2)
x.new <- 6

reml.score <- function(A, y, psi, X) {
  Vi <- diag(1 / (A + psi))
  P <- Vi - Vi %*% X %*% solve(t(X) %*% Vi %*% X, t(X) %*% Vi)
  Py <- P %*% y
  -0.5 * sum(diag(P)) + 0.5 * sum(Py^2)
}

fh.eq <- function(A, y, psi, X) {
  w <- 1 / (A + psi)
  r <- y - X %*% lm.wfit(X, y, w)$coefficients
  sum(w * r^2) - (nrow(X) - ncol(X))
}

# root of a function decreasing in A; 0 when it is not positive at 0
root0 <- function(f) {
  if (f(0) <= 0) return(0)
  hi <- 1
  while (f(hi) > 0) hi <- 2 * hi
  uniroot(f, c(0, hi), tol = 1e-15, maxiter = 1000)$root
}

show <- function(label, y, psi, X) {
  m <- nrow(X)
  for (method in c("REML", "FH")) {
    A <- if (method == "REML") root0(function(a) reml.score(a, y, psi, X))
         else root0(function(a) fh.eq(a, y, psi, X))
    Vi <- 1 / (A + psi)
    Q <- solve(t(X * Vi) %*% X)
    beta <- Q %*% t(X * Vi) %*% y
    gamma <- A * Vi
    B <- psi * Vi
    theta <- gamma * y + B * drop(X %*% beta)
    S1 <- sum(Vi); S2 <- sum(Vi^2)
    if (method == "REML") { vbar <- 2 / S2; b <- 0 }
    else { vbar <- 2 * m / S1^2; b <- 2 * (m * S2 - S1^2) / S1^3 }
    g1 <- A * psi * Vi
    g2 <- B^2 * rowSums((X %*% Q) * X)
    g3 <- B^2 * vbar * Vi
    mse <- g1 + g2 + 2 * g3 - B^2 * b
    xn <- c(1, x.new)[seq_len(ncol(X))]
    f <- function(v) paste(sprintf("%.15g", v), collapse = ", ")
    cat(label, method, "\n")
    cat("  A       ", f(A), "\n")
    cat("  beta    ", f(beta), "\n")
    cat("  beta_cov", f(t(Q)), "\n")
    cat("  gamma   ", f(gamma), "\n")
    cat("  theta   ", f(theta), "\n")
    cat("  mse     ", f(mse), "\n")
    cat("  synthetic theta", f(sum(xn * beta)), "mse", f(A + drop(t(xn) %*% Q %*% xn)), "\n")
  }
}

show("fixture1 psi=0.5", 1:5, rep(0.5, 5), matrix(1, 5, 1))
show("fixture1 psi=3", 1:5, rep(3, 5), matrix(1, 5, 1))
show("fixture2", y2, psi2, cbind(1, x2))
show("fixture3", y3, psi2, cbind(1, x2))
