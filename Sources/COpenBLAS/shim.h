#ifndef RECOUP_COPENBLAS_SHIM_H
#define RECOUP_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface (Debian: libopenblas-dev) plus the few LAPACK routines Recoup
// calls. Debian ships no lapacke.h with OpenBLAS, but libopenblas exports the Fortran LAPACK
// symbols, so their prototypes are declared here (column-major, arguments by pointer).
#include <cblas.h>

/// Cholesky factorisation of a symmetric positive-definite matrix (LAPACK dpotrf).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
/// Solve A X = B with A's Cholesky factor from dpotrf (LAPACK dpotrs).
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
/// Inverse of a symmetric positive-definite matrix from its Cholesky factor (LAPACK dpotri).
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
#endif
