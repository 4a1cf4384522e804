namespace AlgoTrading.Models.Validation;

/// <summary>Scores of value forecasts: the information coefficients quants use to rank signals.</summary>
public static class RegressionMetrics
{
    /// <summary>IC: Pearson correlation of predictions and outcomes; NaN when either is constant.</summary>
    public static double InformationCoefficient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> actual)
    {
        int n = prediction.Length;
        double mp = 0, ma = 0;
        for (int i = 0; i < n; i++) { mp += prediction[i]; ma += actual[i]; }
        mp /= n; ma /= n;
        double cov = 0, vp = 0, va = 0;
        for (int i = 0; i < n; i++)
        {
            double dp = prediction[i] - mp, da = actual[i] - ma;
            cov += dp * da; vp += dp * dp; va += da * da;
        }
        return vp == 0 || va == 0 ? double.NaN : cov / Math.Sqrt(vp * va);
    }

    /// <summary>Rank IC: Spearman correlation, the Pearson correlation of average ranks (ties share their mean rank).</summary>
    public static double RankInformationCoefficient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> actual) =>
        InformationCoefficient(Ranks(prediction), Ranks(actual));

    /// <summary>Root mean squared error.</summary>
    public static double Rmse(ReadOnlySpan<float> prediction, ReadOnlySpan<float> actual)
    {
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++) sum += (prediction[i] - actual[i]) * (double)(prediction[i] - actual[i]);
        return Math.Sqrt(sum / prediction.Length);
    }

    private static float[] Ranks(ReadOnlySpan<float> values)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(values.ToArray(), order);
        var ranks = new float[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2f + 1;
            i = j + 1;
        }
        return ranks;
    }
}
