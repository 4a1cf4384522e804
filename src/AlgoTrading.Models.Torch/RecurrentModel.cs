using AlgoTrading.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// An LSTM or GRU model on libtorch (CPU). Row t is predicted from the window of rows
/// t − sequence_length + 1 … t (see <see cref="SequenceWindows"/>); features are standardised with
/// means and stds fitted on the training rows only; training uses Adam on weighted binary
/// cross-entropy (classification) or weighted squared error on the standardised target (regression),
/// and, given a validation set, keeps the epoch with the lowest validation loss and stops after
/// <c>patience</c> epochs without improvement. Under a fixed seed and thread count, fitting is
/// deterministic; save and load reproduce predictions bit for bit.
/// </summary>
/// <remarks>Not thread-safe: one model instance serves one caller at a time.</remarks>
internal sealed class RecurrentModel : IModel
{
    // libtorch's random generator is process-wide: fits, and every network construction (which
    // initialises weights randomly), are serialised so that a seed alone decides weight
    // initialisation and dropout, even when several models train or load in one process.
    private static readonly Lock FitGate = new();
    private const int PredictChunk = 512;

    private readonly RecurrentCell cell;
    private readonly ModelTask task;
    private readonly RecurrentHyperparameters settings;
    private readonly string labelDefinition;
    private RecurrentNetwork? network;
    private FeatureScaler? scaler;
    private string[] featureNames = [];
    private float targetMean, targetStd = 1;
    private float[] latestBuffer = [];

    public RecurrentModel(RecurrentCell cell, ModelTask task, RecurrentHyperparameters settings, string labelDefinition)
    {
        this.cell = cell;
        this.task = task;
        this.settings = settings;
        this.labelDefinition = labelDefinition;
    }

    public ModelMetadata Metadata => new(cell.Kind(), task, settings.ToDictionary(), featureNames, labelDefinition, settings.SequenceLength);

    /// <summary>Epochs run by the last <see cref="Fit"/> (fewer than max_epochs when early stopping fired).</summary>
    public int EpochsRun { get; private set; }

    /// <summary>The epoch (1-based) whose weights were kept: the best on validation, else the last.</summary>
    public int BestEpoch { get; private set; }

    public void Fit(TrainingSet train, TrainingSet? validation = null)
    {
        int length = settings.SequenceLength, columns = train.Features.ColumnCount;
        int first = SequenceWindows.FirstEndRow(length);
        if (train.Rows < length)
            throw new ModelInputException($"training set: {train.Rows} rows, fewer than sequence_length {length}: no complete window");
        TrainingInputCheck.FeaturesFinite(train.Features, "training set");
        TrainingInputCheck.LabelsAndWeights(train, task, first, "training set");
        if (validation is not null)
        {
            if (!validation.Features.Columns.SequenceEqual(train.Features.Columns))
                throw new ModelInputException("validation set: its feature columns differ from the training set's");
            if (validation.Rows < length)
                throw new ModelInputException($"validation set: {validation.Rows} rows, fewer than sequence_length {length}: no complete window");
            TrainingInputCheck.FeaturesFinite(validation.Features, "validation set");
            TrainingInputCheck.LabelsAndWeights(validation, task, first, "validation set");
        }

        featureNames = [.. train.Features.Columns];
        scaler = FeatureScaler.Fit(train.Features.Values, columns);
        (targetMean, targetStd) = task == ModelTask.Regression ? TargetScaling(train.Labels.AsSpan(first)) : (0f, 1f);

        lock (FitGate)
        {
            manual_seed(settings.Seed);
            network?.Dispose();
            network = new RecurrentNetwork(cell, columns, settings);
            using var optimizer = optim.Adam(network.parameters(), settings.LearningRate);
            var trainBatches = new WindowBatches(this, train, settings.BatchSize);
            var validationBatches = validation is null ? null : new WindowBatches(this, validation, PredictChunk);
            var order = Enumerable.Range(first, train.Rows - first).ToArray();
            var shuffle = new Random(unchecked((int)settings.Seed));

            double bestLoss = double.PositiveInfinity;
            byte[]? best = null; // the best epoch's weights, as Save would write them
            int sinceBest = 0;
            EpochsRun = BestEpoch = 0;
            for (int epoch = 1; epoch <= settings.MaxEpochs; epoch++)
            {
                shuffle.Shuffle(order);
                network.train();
                for (int start = 0; start < order.Length; start += settings.BatchSize)
                {
                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    var rows = order.AsSpan(start, Math.Min(settings.BatchSize, order.Length - start));
                    var (x, y, w) = trainBatches.Make(rows);
                    Loss(network.call(x), y, w).backward();
                    optimizer.step();
                }
                EpochsRun = epoch;
                if (validationBatches is null) { BestEpoch = epoch; continue; }

                double loss = ValidationLoss(validationBatches, validation!.Rows);
                if (loss < bestLoss)
                {
                    bestLoss = loss;
                    BestEpoch = epoch;
                    sinceBest = 0;
                    best = Snapshot(network);
                }
                else if (++sinceBest >= settings.Patience) break;
            }
            if (best is not null) network.load(new MemoryStream(best));
            network.eval();
        }
    }

    public void Predict(ModelMatrix features, Span<float> output)
    {
        var (net, scale) = Fitted();
        if (output.Length != features.Rows)
            throw new ArgumentException($"output holds {output.Length} values for {features.Rows} rows", nameof(output));
        if (!features.Columns.SequenceEqual(featureNames))
            throw new ModelInputException($"features [{string.Join(", ", features.Columns)}] differ from the model's [{string.Join(", ", featureNames)}]");
        TrainingInputCheck.FeaturesFinite(features, "prediction input");

        int length = settings.SequenceLength, first = Math.Min(SequenceWindows.FirstEndRow(length), features.Rows);
        output[..first].Fill(float.NaN);
        var normalised = new float[features.Values.Length];
        scale.Transform(features.Values, normalised);
        var window = new float[PredictChunk * length * features.ColumnCount];
        var ends = new int[PredictChunk];
        using var _ = no_grad();
        for (int start = first; start < features.Rows; start += PredictChunk)
        {
            int count = Math.Min(PredictChunk, features.Rows - start);
            for (int i = 0; i < count; i++) ends[i] = start + i;
            SequenceWindows.Fill(normalised, features.ColumnCount, length, ends.AsSpan(0, count), window);
            // Always a full batch (the tail padded with zero windows whose outputs are dropped): libtorch's kernels
            // round differently for different batch sizes, and a row's prediction must not depend on how many rows follow it.
            window.AsSpan(count * length * features.ColumnCount).Clear();
            using var scope = NewDisposeScope();
            var x = tensor(window, [PredictChunk, length, features.ColumnCount]);
            var values = Output(net.call(x)).data<float>().ToArray();
            for (int i = 0; i < count; i++) output[start + i] = ToValue(values[i]);
        }
    }

    public float PredictLatest(ReadOnlySpan<float> rows)
    {
        var (net, scale) = Fitted();
        int length = settings.SequenceLength, columns = featureNames.Length;
        if (rows.Length != length * columns)
            throw new ModelInputException($"{cell.Kind()}: latest rows hold {rows.Length} values, the model reads {length} rows × {columns} features = {length * columns}");
        for (int i = 0; i < rows.Length; i++)
            if (!float.IsFinite(rows[i]))
                throw new ModelInputException($"{cell.Kind()}: feature '{featureNames[i % columns]}' is {rows[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} in row {i / columns + 1} of {length} of the latest window");
        if (latestBuffer.Length != rows.Length) latestBuffer = new float[rows.Length];
        scale.Transform(rows, latestBuffer);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var x = tensor(latestBuffer, [1, length, columns]);
        return ToValue(Output(net.call(x)).item<float>());
    }

    public void Save(string directory)
    {
        var (net, scale) = Fitted();
        Directory.CreateDirectory(directory);
        string weights = Path.Combine(directory, RecurrentModelFile.WeightsFileName);
        net.save(weights);
        new RecurrentModelFile(RecurrentModelFile.CurrentFormat, cell.Kind(), featureNames, settings.SequenceLength,
            scale.Mean, scale.Std, targetMean, targetStd, RecurrentModelFile.Sha256(weights)).Write(directory);
    }

    /// <summary>Loads what <see cref="Save"/> wrote; <paramref name="metadata"/> is what the model store kept.</summary>
    public static RecurrentModel Load(RecurrentCell cell, string directory, ModelMetadata metadata)
    {
        var file = RecurrentModelFile.Read(directory);
        var settings = RecurrentHyperparameters.Parse(metadata.Hyperparameters, cell.Kind());
        string source = Path.Combine(directory, RecurrentModelFile.FileName);
        if (!string.Equals(file.Kind, cell.Kind(), StringComparison.Ordinal))
            throw new ModelInputException($"{source}: a '{file.Kind}' model, not '{cell.Kind()}'");
        if (!file.FeatureNames.SequenceEqual(metadata.FeatureNames))
            throw new ModelInputException($"{source}: trained on features [{string.Join(", ", file.FeatureNames)}], metadata lists [{string.Join(", ", metadata.FeatureNames)}]");
        if (file.SequenceLength != settings.SequenceLength || metadata.LookbackRows != settings.SequenceLength)
            throw new ModelInputException($"{source}: sequence length {file.SequenceLength}, metadata says {settings.SequenceLength} (lookback {metadata.LookbackRows})");

        var model = new RecurrentModel(cell, metadata.Task, settings, metadata.LabelDefinition)
        {
            featureNames = file.FeatureNames,
            scaler = new FeatureScaler(file.FeatureMean, file.FeatureStd),
            targetMean = file.TargetMean,
            targetStd = file.TargetStd,
        };
        RecurrentNetwork network;
        lock (FitGate) network = new RecurrentNetwork(cell, file.FeatureNames.Length, settings); // initialisation draws from the shared generator
        try
        {
            network.load(Path.Combine(directory, RecurrentModelFile.WeightsFileName));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new ModelInputException($"{Path.Combine(directory, RecurrentModelFile.WeightsFileName)}: weights do not fit the network ({RecurrentModelFile.FirstLine(e.Message)})");
        }
        network.eval();
        model.network = network;
        return model;
    }

    public void Dispose()
    {
        network?.Dispose();
        network = null;
    }

    private (RecurrentNetwork Network, FeatureScaler Scaler) Fitted() =>
        network is not null && scaler is not null ? (network, scaler)
            : throw new InvalidOperationException($"the {cell.Kind()} model is not trained: call Fit or load it first");

    /// <summary>The network's raw output mapped to the loss's space: unchanged (logit or standardised value).</summary>
    private Tensor Output(Tensor raw) => task == ModelTask.BinaryClassification ? raw.sigmoid() : raw;

    private float ToValue(float output) => task == ModelTask.BinaryClassification ? output : output * targetStd + targetMean;

    private Tensor Loss(Tensor raw, Tensor target, Tensor? weight)
    {
        var perRow = task == ModelTask.BinaryClassification
            ? nn.functional.binary_cross_entropy_with_logits(raw, target, reduction: nn.Reduction.None)
            : (raw - target).square();
        return weight is null ? perRow.mean() : (perRow * weight).sum() / weight.sum().clamp_min(1e-12);
    }

    private double ValidationLoss(WindowBatches batches, int rows)
    {
        network!.eval();
        using var _ = no_grad();
        int first = SequenceWindows.FirstEndRow(settings.SequenceLength);
        var ends = Enumerable.Range(first, rows - first).ToArray();
        double total = 0, weight = 0;
        for (int start = 0; start < ends.Length; start += PredictChunk)
        {
            using var scope = NewDisposeScope();
            var chunk = ends.AsSpan(start, Math.Min(PredictChunk, ends.Length - start));
            var (x, y, w) = batches.Make(chunk);
            double chunkWeight = w is null ? chunk.Length : w.sum().item<float>();
            total += Loss(network.call(x), y, w).item<float>() * chunkWeight;
            weight += chunkWeight;
        }
        return weight > 0 ? total / weight : 0;
    }

    private static byte[] Snapshot(RecurrentNetwork network)
    {
        var stream = new MemoryStream(); // save closes the stream; ToArray still works after that
        network.save(stream);
        return stream.ToArray();
    }

    private static (float Mean, float Std) TargetScaling(ReadOnlySpan<float> labels)
    {
        var scaling = FeatureScaler.Fit(labels, 1);
        return (scaling.Mean[0], scaling.Std[0]);
    }

    /// <summary>Standardised windows, targets and weights of one set, cut into tensors batch by batch.</summary>
    private sealed class WindowBatches
    {
        private readonly RecurrentModel model;
        private readonly TrainingSet set;
        private readonly float[] normalised, windows, targets, weights;

        public WindowBatches(RecurrentModel model, TrainingSet set, int batch)
        {
            this.model = model;
            this.set = set;
            normalised = new float[set.Features.Values.Length];
            model.scaler!.Transform(set.Features.Values, normalised);
            windows = new float[batch * model.settings.SequenceLength * set.Features.ColumnCount];
            targets = new float[batch];
            weights = new float[batch];
        }

        /// <summary>Tensors for the windows ending at <paramref name="ends"/>; they join the caller's dispose scope.</summary>
        public (Tensor X, Tensor Y, Tensor? W) Make(ReadOnlySpan<int> ends)
        {
            int length = model.settings.SequenceLength, columns = set.Features.ColumnCount, n = ends.Length;
            SequenceWindows.Fill(normalised, columns, length, ends, windows);
            for (int i = 0; i < n; i++)
            {
                float label = set.Labels[ends[i]];
                targets[i] = model.task == ModelTask.Regression ? (label - model.targetMean) / model.targetStd : label;
                if (set.Weights is { } w) weights[i] = w[ends[i]];
            }
            var x = tensor(windows.AsMemory(0, n * length * columns), [n, length, columns]);
            var y = tensor(targets.AsMemory(0, n), [n]);
            var wt = set.Weights is null ? null : tensor(weights.AsMemory(0, n), [n]);
            return (x, y, wt);
        }
    }
}
