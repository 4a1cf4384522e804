namespace AlgoTrading.Models.Validation;

/// <summary>
/// Scores of probability forecasts against 0/1 outcomes. <c>p</c> is the predicted probability of
/// class 1; thresholded metrics use p ≥ 0.5.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive is ranked above a random
    /// negative (ties count one half), from the Mann-Whitney rank sum. NaN when one class is absent.
    /// </summary>
    public static double Auc(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        int n = p.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var scores = p.ToArray();
        Array.Sort(scores.ToArray(), order);
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double averageRank = (i + j) / 2.0 + 1; // ranks i+1 … j+1 share their mean
            for (int k = i; k <= j; k++) if (y[order[k]] == 1) { positiveRankSum += averageRank; positives++; }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Mean negative log-likelihood, natural log; probabilities are clipped to [1e−15, 1 − 1e−15].</summary>
    public static double LogLoss(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            sum -= y[i] == 1 ? Math.Log(q) : Math.Log(1 - q);
        }
        return sum / p.Length;
    }

    /// <summary>Share of rows where (p ≥ 0.5) equals the label.</summary>
    public static double Accuracy(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        int hits = 0;
        for (int i = 0; i < p.Length; i++) if ((p[i] >= 0.5f ? 1 : 0) == y[i]) hits++;
        return (double)hits / p.Length;
    }

    /// <summary>F1 of class 1 at p ≥ 0.5: 2·TP / (2·TP + FP + FN); 0 when there are no positives predicted or present.</summary>
    public static double F1(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.Length; i++)
        {
            bool predicted = p[i] >= 0.5f, actual = y[i] == 1;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <summary>Brier score: mean squared difference between probability and outcome (0 perfect, 0.25 for always 0.5).</summary>
    public static double Brier(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += (p[i] - y[i]) * (double)(p[i] - y[i]);
        return sum / p.Length;
    }
}
