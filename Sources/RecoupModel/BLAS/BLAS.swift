import COpenBLAS

/// Every CBLAS and LAPACK call of Recoup, in one place (STYLE §8).
///
/// Matrices are dense, contiguous and row-major unless a routine says otherwise; symmetric
/// matrices are kept with both triangles filled, so the row-/column-major distinction does not
/// matter to LAPACK (which is column-major). Callers pass raw buffer pointers obtained once per
/// call with `withUnsafe…BufferPointer`; nothing here allocates.
enum BLAS {
    /// Keeps OpenBLAS single-threaded (`openblas_set_num_threads(1)`): the solver splits its
    /// passes over row chunks on all cores itself, and OpenBLAS's own threads would only
    /// contend with those (and spin on a shared machine).
    static func useSingleThread() {
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
    }

    /// `y ← α·op(A)·x + β·y` with `A` an `m × n` row-major matrix (CBLAS `dgemv`);
    /// `op(A)` is `A` or, with `transpose`, `Aᵀ` (then `x` has `m` entries and `y` has `n`).
    static func gemv(transpose: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>,
                     x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        guard m > 0, n > 0 else { return }
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha,
                    a, Int32(n), x, 1, beta, y, 1)
    }

    /// `C ← α·AᵀA + β·C` for a `k × n` row-major `A` and an `n × n` `C`, upper triangle only
    /// (CBLAS `dsyrk`, row-major, upper, transposed). Call `symmetrizeUpper` afterwards.
    static func syrkTransposed(n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, beta: Double,
                               c: UnsafeMutablePointer<Double>) {
        guard n > 0, k > 0 else { return }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), alpha, a, Int32(n),
                    beta, c, Int32(n))
    }

    /// `C ← α·A·Bᵀ + β·C` for row-major `A` (`m × k`), `B` (`n × k`), `C` (`m × n`)
    /// (CBLAS `dgemm`, no-trans × trans).
    static func gemmABt(m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
                        b: UnsafePointer<Double>, beta: Double, c: UnsafeMutablePointer<Double>) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(k), b, Int32(k), beta, c, Int32(n))
    }

    /// `xᵀy` over `n` entries (CBLAS `ddot`).
    static func dot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
        guard n > 0 else { return 0 }
        return cblas_ddot(Int32(n), x, 1, y, 1)
    }

    /// `y ← α·x + y` over `n` entries (CBLAS `daxpy`).
    static func axpy(n: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        guard n > 0 else { return }
        cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
    }

    /// Copies the upper triangle of a row-major `n × n` matrix onto its lower triangle.
    static func symmetrizeUpper(n: Int, c: UnsafeMutablePointer<Double>) {
        for i in 0..<n { for j in 0..<i { c[i * n + j] = c[j * n + i] } }
    }

    /// In-place Cholesky factorisation of a symmetric positive-definite `n × n` matrix with both
    /// triangles filled (LAPACK `dpotrf`, lower triangle of the column-major view).
    /// - Returns: LAPACK's `info`: 0 on success, `> 0` when the leading minor of that order is
    ///   not positive definite.
    static func choleskyFactor(n: Int, a: UnsafeMutablePointer<Double>) -> Int {
        guard n > 0 else { return 0 }
        var uplo = CChar(UInt8(ascii: "L"))
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0
        dpotrf_(&uplo, &nn, a, &lda, &info)
        return Int(info)
    }

    /// Solves `A·X = B` in place in `b` (`n × nrhs`, column-major, i.e. `nrhs` contiguous
    /// right-hand sides) from the factor of `choleskyFactor` (LAPACK `dpotrs`).
    static func choleskySolve(n: Int, nrhs: Int, factor: UnsafePointer<Double>,
                              b: UnsafeMutablePointer<Double>) -> Int {
        guard n > 0, nrhs > 0 else { return 0 }
        var uplo = CChar(UInt8(ascii: "L"))
        var nn = Int32(n), nr = Int32(nrhs), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        dpotrs_(&uplo, &nn, &nr, factor, &lda, b, &ldb, &info)
        return Int(info)
    }

    /// Inverts a symmetric positive-definite matrix in place from the factor of
    /// `choleskyFactor` (LAPACK `dpotri`), then fills both triangles.
    static func choleskyInverse(n: Int, factor: UnsafeMutablePointer<Double>) -> Int {
        guard n > 0 else { return 0 }
        var uplo = CChar(UInt8(ascii: "L"))
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0
        dpotri_(&uplo, &nn, factor, &lda, &info)
        // LAPACK's lower column-major triangle is the row-major upper triangle.
        symmetrizeUpper(n: n, c: factor)
        return Int(info)
    }
}
