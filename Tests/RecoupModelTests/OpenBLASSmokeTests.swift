import COpenBLAS
import Testing

@Suite struct OpenBLASSmokeTests {
    // ddot of (1,2,3)·(4,5,6) = 4 + 10 + 18 = 32, by hand.
    @Test func cblasDotProduct() {
        let x: [Double] = [1, 2, 3]
        let y: [Double] = [4, 5, 6]
        let dot = cblas_ddot(3, x, 1, y, 1)
        #expect(abs(dot - 32) < 1e-12)
    }

    // Cholesky of [[4, 2], [2, 3]] is L = [[2, 0], [1, sqrt(2)]] (by hand: 2² = 4, 2·1 = 2,
    // 1² + l22² = 3 → l22 = √2).
    @Test func lapackCholesky() {
        var a: [Double] = [4, 2, 2, 3]
        var n: Int32 = 2
        var lda: Int32 = 2
        var info: Int32 = -1
        var uplo = CChar(UInt8(ascii: "L"))
        dpotrf_(&uplo, &n, &a, &lda, &info)
        #expect(info == 0)
        #expect(abs(a[0] - 2) < 1e-12)
        #expect(abs(a[1] - 1) < 1e-12)
        #expect(abs(a[3] - 2.0.squareRoot()) < 1e-12)
    }
}
