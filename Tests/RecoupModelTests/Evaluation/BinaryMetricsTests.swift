import Foundation
import Testing
@testable import RecoupModel

@Suite struct BinaryMetricsTests {
    /// By hand: predictions (0.1, 0.4, 0.35, 0.8) for labels (0, 0, 1, 1). Positive/negative
    /// pairs: (0.35 vs 0.1 ✓, 0.35 vs 0.4 ✗, 0.8 vs both ✓) → AUC 3/4 (sklearn's roc_auc_score
    /// gives 0.75). Log-loss = −(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8)/4 = 0.4722879538… (sklearn log_loss agrees);
    /// Brier = (0.01 + 0.16 + 0.4225 + 0.04)/4 = 0.158125.
    @Test func handComputed() {
        let m = BinaryMetrics(predictions: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        #expect(abs(m.auc - 0.75) < 1e-12)
        #expect(abs(m.logLoss - 0.47228795385) < 1e-10)
        #expect(abs(m.brier - 0.158125) < 1e-12)
        #expect(abs(m.baseRate - 0.5) < 1e-12)
    }

    /// Ties count half: all predictions equal → 0.5; one class only → 0.5.
    @Test func tiesAndSingleClass() {
        #expect(abs(BinaryMetrics.auc(predictions: [0.3, 0.3, 0.3], labels: [0, 1, 1]) - 0.5) < 1e-12)
        #expect(abs(BinaryMetrics.auc(predictions: [0.1, 0.9], labels: [1, 1]) - 0.5) < 1e-12)
    }

    /// Deciles of 20 predictions hold 2 rows each, in increasing order of prediction.
    @Test func calibrationDeciles() {
        let p = (0..<20).map { Double($0) / 20 }
        let y = (0..<20).map { $0 >= 10 ? 1.0 : 0.0 }
        let table = CalibrationBin.table(predictions: p, labels: y)
        #expect(table.count == 10)
        #expect(table.allSatisfy { $0.rows == 2 })
        #expect(abs(table[0].meanPrediction - 0.025) < 1e-12)
        #expect(table[4].observedRate == 0 && table[5].observedRate == 1)
    }
}
