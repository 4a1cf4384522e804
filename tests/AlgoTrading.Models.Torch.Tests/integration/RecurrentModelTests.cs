namespace AlgoTrading.Models.Torch.Tests.Integration;

/// <summary>LSTM and GRU on libtorch: they learn a known signal, predict without look-ahead, and save/load bit-exactly.</summary>
public sealed class RecurrentModelTests(TrainedModels trained) : IClassFixture<TrainedModels>
{
    public static TheoryData<string> Kinds => ["lstm", "gru"];

    [Theory, MemberData(nameof(Kinds))]
    public void Learns_a_delayed_signal_on_held_out_rows(string kind)
    {
        var model = trained[kind];
        var predicted = new float[trained.Test.Rows];
        model.Predict(trained.Test.Features, predicted);

        double auc = SyntheticSequences.Auc(predicted, trained.Test.Labels);
        Assert.True(auc > 0.9, $"{kind} held-out AUC {auc:F3}");
        Assert.All(predicted.Skip(7), p => Assert.InRange(p, 0f, 1f));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Rows_without_a_full_window_are_NaN_and_the_metadata_says_why(string kind)
    {
        var model = trained[kind];
        var predicted = new float[trained.Test.Rows];
        model.Predict(trained.Test.Features, predicted);

        Assert.All(predicted.Take(7), p => Assert.True(float.IsNaN(p)));
        Assert.False(float.IsNaN(predicted[7]));
        Assert.Equal(8, model.Metadata.LookbackRows);
        Assert.Equal(kind, model.Metadata.Kind);
        Assert.Equal(SyntheticSequences.Columns, model.Metadata.FeatureNames);
        Assert.Equal("16", model.Metadata.Hyperparameters["hidden_size"]);
        Assert.Equal("1", model.Metadata.Hyperparameters["layers"]); // defaults are recorded too
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Changing_the_future_leaves_past_predictions_unchanged(string kind)
    {
        var model = trained[kind];
        var features = trained.Test.Features;
        var before = new float[features.Rows];
        model.Predict(features, before);

        const int t = 200;
        var values = (float[])features.Values.Clone();
        var random = new Random(99);
        for (int i = (t + 1) * features.ColumnCount; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 10 - 5);
        var after = new float[features.Rows];
        model.Predict(new ModelMatrix(values, features.Time, features.Columns), after);

        Assert.Equal(before.AsSpan(0, t + 1).ToArray(), after.AsSpan(0, t + 1).ToArray());
        Assert.NotEqual(before[t + 1], after[t + 1]); // the perturbation did reach the model
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Save_and_load_reproduce_predictions_bit_for_bit(string kind)
    {
        var model = trained[kind];
        var expected = new float[trained.Test.Rows];
        model.Predict(trained.Test.Features, expected);

        using var dir = new TempDirectory();
        model.Save(dir.Path);
        using var loaded = TorchSetup.Load(dir.Path, model.Metadata);
        var actual = new float[trained.Test.Rows];
        loaded.Predict(trained.Test.Features, actual);

        Assert.Equal(BitsOf(expected), BitsOf(actual));
        Assert.Equal(model.Metadata.FeatureNames, loaded.Metadata.FeatureNames);
        Assert.Equal(model.Metadata.LookbackRows, loaded.Metadata.LookbackRows);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void PredictLatest_on_the_last_window_matches_the_batch_prediction(string kind)
    {
        var model = trained[kind];
        var features = trained.Test.Features;
        var batch = new float[features.Rows];
        model.Predict(features, batch);

        int columns = features.ColumnCount, length = model.Metadata.LookbackRows;
        foreach (int t in new[] { length - 1, 123, features.Rows - 1 })
        {
            var window = features.Values.AsSpan((t - length + 1) * columns, length * columns);
            Assert.Equal(batch[t], model.PredictLatest(window), 1e-5f);
        }
    }

    private static int[] BitsOf(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
