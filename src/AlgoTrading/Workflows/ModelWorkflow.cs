using AlgoTrading.Configuration;
using AlgoTrading.Domain;
using AlgoTrading.Features;
using AlgoTrading.Models;
using AlgoTrading.Models.Store;
using AlgoTrading.Time;

namespace AlgoTrading.Workflows;

/// <summary>Why a model predicts what it does on some rows.</summary>
/// <param name="Model">The model's metadata.</param>
/// <param name="Importance">Total-gain importance per feature, largest first.</param>
/// <param name="Time">Bar start (UTC) of each explained row.</param>
/// <param name="Predictions">The model's prediction for each explained row.</param>
/// <param name="Contributions">Per row: each feature's contribution in model feature order, then the bias (raw-score units).</param>
public sealed record ModelExplanation(StoredModel Model, IReadOnlyList<(string Feature, double Gain)> Importance, DateTime[] Time, float[] Predictions, float[][] Contributions);

/// <summary>The library side of <c>algotrading models …</c>: list, promote and explain stored models.</summary>
public static class ModelWorkflow
{
    /// <summary>
    /// Loads model <paramref name="reference"/> from <paramref name="storeRoot"/>, computes its feature set
    /// on <paramref name="dataFile"/> and explains the chosen complete rows (<see cref="ExplainRows"/>; null:
    /// the last 5).
    /// </summary>
    /// <exception cref="ModelInputException">Unknown or corrupted model, a model that cannot explain itself, features that differ,
    /// or rows that are not complete rows of the data.</exception>
    public static async Task<ModelExplanation> ExplainAsync(string storeRoot, string reference, string dataFile, AlgoTradingConfiguration configuration,
        ExplainRows? rows = null, CancellationToken cancellationToken = default)
    {
        var store = new ModelStore(storeRoot);
        var record = store.Describe(reference);
        var inputs = await FeatureWorkflow.PrepareAsync(dataFile, record.FeatureSet, configuration, Enum.Parse<PriceSource>(record.Price, ignoreCase: true), cancellationToken: cancellationToken);
        var (model, stored) = store.Load(reference, inputs.Set.Columns);
        using (model)
        {
            if (model is not IExplainableModel explainable) throw new ModelInputException($"model {stored.Id} ({stored.Kind}) cannot explain its predictions");
            var matrix = ModelMatrix.FromFeatures(inputs.Set.Compute(inputs.Bars));
            var chosen = matrix.Select((rows ?? ExplainRows.Default).Select(matrix, dataFile));
            int count = chosen.Rows;
            var predictions = new float[count];
            model.Predict(chosen, predictions);
            int width = matrix.ColumnCount + 1;
            var flat = new float[count * width];
            explainable.Contributions(chosen, flat);
            var importance = explainable.FeatureImportance().Select((g, i) => (stored.FeatureNames[i], g)).OrderByDescending(x => x.g).ToList();
            return new ModelExplanation(stored, importance, UtcTicks.ToDateTimes(chosen.Time), predictions,
                Enumerable.Range(0, count).Select(r => flat.AsSpan(r * width, width).ToArray()).ToArray());
        }
    }
}
