using AlgoTrading.Models;

namespace AlgoTrading.Notebooks;

/// <summary>
/// A trained model's global feature importance (total gain, in the model's own units), largest first,
/// with each feature's share of the total. Displayed in a notebook as a table and a bar chart.
/// </summary>
/// <param name="Model">Label for the display (e.g. the model kind).</param>
/// <param name="Features">Feature names, largest gain first (ties keep the model's column order).</param>
/// <param name="Gain">Total gain of each feature, same order.</param>
public sealed record FeatureImportance(string Model, IReadOnlyList<string> Features, IReadOnlyList<double> Gain)
{
    /// <summary>Each feature's gain as a fraction of the sum of all gains (0 when every gain is 0).</summary>
    public IReadOnlyList<double> Share
    {
        get
        {
            double total = Gain.Sum();
            return Gain.Select(g => total > 0 ? g / total : 0).ToArray();
        }
    }

    /// <summary>The importance of a trained <paramref name="model"/>, sorted by gain, largest first.</summary>
    public static FeatureImportance Of(IExplainableModel model)
    {
        var names = model.Metadata.FeatureNames;
        var gain = model.FeatureImportance();
        if (gain.Count != names.Count)
            throw new ArgumentException($"model {model.Metadata.Kind}: {gain.Count} importances for {names.Count} features", nameof(model));
        var order = Enumerable.Range(0, names.Count).OrderByDescending(i => gain[i]).ToArray();   // stable sort: ties keep column order
        return new FeatureImportance(model.Metadata.Kind, order.Select(i => names[i]).ToArray(), order.Select(i => gain[i]).ToArray());
    }
}
