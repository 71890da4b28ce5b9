import Foundation

/// Scores of probabilistic predictions of a 0/1 outcome.
public struct BinaryMetrics: Sendable, Equatable, Codable {
    /// Rows scored.
    public var rows: Int
    /// Share of positives.
    public var baseRate: Double
    /// Area under the ROC curve (ties count half); 0.5 when only one class is present.
    public var auc: Double
    /// Mean log-loss, with predictions clipped to [1e-15, 1 − 1e-15].
    public var logLoss: Double
    /// Mean squared error of the probabilities.
    public var brier: Double

    /// Scores `predictions` against `labels` (0/1).
    /// - Complexity: O(n log n).
    public init(predictions: [Double], labels: [Double]) {
        rows = labels.count
        let n = Double(max(1, labels.count))
        var positives = 0.0, loss = 0.0, brier = 0.0
        for (p, y) in zip(predictions, labels) {
            positives += y
            let q = min(max(p, 1e-15), 1 - 1e-15)
            loss -= y * log(q) + (1 - y) * log(1 - q)
            brier += (p - y) * (p - y)
        }
        baseRate = positives / n
        logLoss = loss / n
        self.brier = brier / n
        auc = BinaryMetrics.auc(predictions: predictions, labels: labels)
    }

    /// Mann–Whitney AUC with average ranks for ties.
    public static func auc(predictions: [Double], labels: [Double]) -> Double {
        let order = predictions.indices.sorted { predictions[$0] < predictions[$1] }
        var rankSumPositives = 0.0
        var positives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && predictions[order[j + 1]] == predictions[order[i]] { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] == 1 {
                rankSumPositives += averageRank
                positives += 1
            }
            i = j + 1
        }
        let negatives = Double(order.count) - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        return (rankSumPositives - positives * (positives + 1) / 2) / (positives * negatives)
    }
}

/// One decile of a calibration table: mean prediction vs observed share.
public struct CalibrationBin: Sendable, Equatable, Codable {
    public var decile: Int
    public var rows: Int
    public var meanPrediction: Double
    public var observedRate: Double

    /// Deciles of `predictions` (ties kept together in the lower decile by sort order).
    public static func table(predictions: [Double], labels: [Double]) -> [CalibrationBin] {
        let order = predictions.indices.sorted { (predictions[$0], $0) < (predictions[$1], $1) }
        let n = order.count
        guard n > 0 else { return [] }
        return (0..<10).compactMap { decile in
            let lo = decile * n / 10, hi = (decile + 1) * n / 10
            guard hi > lo else { return nil }
            var sp = 0.0, sy = 0.0
            for k in lo..<hi { sp += predictions[order[k]]; sy += labels[order[k]] }
            let m = Double(hi - lo)
            return CalibrationBin(decile: decile + 1, rows: hi - lo, meanPrediction: sp / m, observedRate: sy / m)
        }
    }
}
