namespace AlgoTrading.Models.Torch.Tests.Integration;

/// <summary>Fitting itself: seeded determinism, early stopping, regression, weights.</summary>
public sealed class RecurrentTrainingTests
{
    public static TheoryData<string> Kinds => ["lstm", "gru"];

    [Theory, MemberData(nameof(Kinds))]
    public void The_same_seed_gives_the_same_model_and_another_seed_does_not(string kind)
    {
        var train = SyntheticSequences.Make(400, seed: 11);
        float[] Fit(string seed)
        {
            var settings = SyntheticSequences.FastSettings(maxEpochs: 2);
            settings["seed"] = seed;
            settings["dropout"] = "0.2";
            settings["layers"] = "2"; // dropout between layers draws from the seeded generator too
            using var model = TorchSetup.Create(kind, settings);
            model.Fit(train);
            var output = new float[train.Rows];
            model.Predict(train.Features, output);
            return output;
        }

        var first = Fit("5");
        Assert.Equal(first, Fit("5"));
        Assert.NotEqual(first, Fit("6"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Early_stopping_keeps_the_best_validation_epoch_and_stops_after_patience(string kind)
    {
        // Validation labels are coin flips: the validation loss cannot keep improving, so training
        // must stop long before max_epochs, exactly `patience` epochs after the best one.
        var train = SyntheticSequences.Make(600, seed: 21);
        var noise = SyntheticSequences.Make(300, seed: 22);
        var random = new Random(23);
        var validation = noise with { Labels = noise.Labels.Select(_ => (float)random.Next(2)).ToArray() };
        var settings = SyntheticSequences.FastSettings(maxEpochs: 60);
        settings["patience"] = "2";
        using var model = (RecurrentModel)TorchSetup.Create(kind, settings);

        model.Fit(train, validation);

        Assert.True(model.EpochsRun < 60, $"ran all {model.EpochsRun} epochs");
        Assert.Equal(model.EpochsRun - 2, model.BestEpoch);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Regression_predicts_the_delayed_sum_in_label_units(string kind)
    {
        var train = SyntheticSequences.Make(1500, seed: 31, ModelTask.Regression);
        var test = SyntheticSequences.Make(300, seed: 32, ModelTask.Regression);
        using var model = TorchSetup.Create(kind, SyntheticSequences.FastSettings(), ModelTask.Regression);
        model.Fit(train);
        var predicted = new float[test.Rows];
        model.Predict(test.Features, predicted);

        // Coefficient of determination over rows with a full window; the target has variance 2.
        double residual = 0, total = 0, mean = test.Labels.Skip(7).Average();
        for (int t = 7; t < test.Rows; t++)
        {
            residual += Math.Pow(predicted[t] - test.Labels[t], 2);
            total += Math.Pow(test.Labels[t] - mean, 2);
        }
        Assert.True(1 - residual / total > 0.8, $"{kind} R² {1 - residual / total:F3}");
    }

    [Fact]
    public void Zero_weights_make_rows_invisible_to_training()
    {
        // Two rows in three carry inverted labels. Weighted 0 they must not count: the model learns
        // the true signal. Unweighted, the inverted majority wins: the model learns the opposite.
        var train = SyntheticSequences.Make(1800, seed: 41);
        var labels = (float[])train.Labels.Clone();
        var weights = new float[train.Rows];
        for (int t = 0; t < train.Rows; t++)
        {
            weights[t] = t % 3 == 0 ? 1f : 0f;
            if (weights[t] == 0) labels[t] = 1 - labels[t];
        }
        var test = SyntheticSequences.Make(300, seed: 42);
        double Auc(float[]? w)
        {
            using var model = TorchSetup.Create("gru", SyntheticSequences.FastSettings());
            model.Fit(train with { Labels = labels, Weights = w });
            var predicted = new float[test.Rows];
            model.Predict(test.Features, predicted);
            return SyntheticSequences.Auc(predicted, test.Labels);
        }

        double weighted = Auc(weights), unweighted = Auc(null);
        Assert.True(weighted > 0.7, $"weighted AUC {weighted:F3}");
        Assert.True(unweighted < 0.4, $"unweighted AUC {unweighted:F3}");
    }
}
