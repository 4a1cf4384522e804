using System.Diagnostics;
using System.Globalization;
using AlgoTrading.Models;
using AlgoTrading.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

// LSTM and GRU on libtorch: one training step (batch 256, sequence 64, 32 features, hidden 64)
// through AlgoTrading's model against the same network driven by plain TorchSharp code, and the
// single-window inference latency a live runner pays per closed bar. Printed, never asserted. Training steps are
// given as wall time and as the process's CPU time (user + system, all threads), which on a loaded shared machine
// says what a step cost when wall time says mostly how long it waited for a core.
// Usage: AlgoTrading.Models.Torch.Benchmarks [--threads N] [--steps N]
const int Batch = 256, Length = 64, Features = 32, Hidden = 64;
int threads = Option("--threads", 1), steps = Option("--steps", 8);
torch.set_num_threads(threads);
TorchModels.Register();
Console.WriteLine($"libtorch threads {torch.get_num_threads()}, batch {Batch}, sequence {Length}, features {Features}, hidden {Hidden}, {steps} steps per epoch");

foreach (var kind in new[] { "lstm", "gru" })
{
    var (library, direct) = (LibraryStepMs(kind), DirectStepMs(kind));
    Console.WriteLine($"{kind} training step: AlgoTrading {library.Wall,7:F1} ms (cpu {library.Cpu,7:F1} ms)   plain TorchSharp {direct.Wall,7:F1} ms (cpu {direct.Cpu,7:F1} ms)   " +
        $"overhead wall {(library.Wall / direct.Wall - 1) * 100,5:F1} %, cpu {(library.Cpu / direct.Cpu - 1) * 100,5:F1} %");
    var (latency, directLatency) = LatestLatencyMs(kind);
    Console.WriteLine($"{kind} single-window inference: AlgoTrading PredictLatest median {latency:F3} ms   plain TorchSharp {directLatency:F3} ms (target < 5 ms)");
}

// Fit with 1 and 3 epochs of `steps` full batches: the difference is 2 × steps training steps,
// without the one-off costs (checks, scaling, network construction) both fits share.
(double Wall, double Cpu) LibraryStepMs(string kind)
{
    var set = RandomSet(Batch * steps + Length - 1, seed: 1);
    (double Wall, double Cpu) Fit(int epochs)
    {
        var settings = new Dictionary<string, string>
        {
            ["sequence_length"] = Length.ToString(CultureInfo.InvariantCulture),
            ["hidden_size"] = Hidden.ToString(CultureInfo.InvariantCulture),
            ["batch_size"] = Batch.ToString(CultureInfo.InvariantCulture),
            ["max_epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
        };
        using var model = ModelKinds.Get(kind).Create(ModelTask.BinaryClassification, settings, "benchmark");
        return Measure(() => model.Fit(set));
    }
    Fit(1); // warm-up: JIT and libtorch's first-use allocations
    var (three, one) = (Fit(3), Fit(1));
    return ((three.Wall - one.Wall) / (2.0 * steps), (three.Cpu - one.Cpu) / (2.0 * steps));
}

// The same network and loss, on ready-made tensors: the floor libtorch itself sets.
(double Wall, double Cpu) DirectStepMs(string kind)
{
    manual_seed(1);
    using var recurrent = kind == "lstm"
        ? (nn.Module)nn.LSTM(Features, Hidden, batchFirst: true)
        : nn.GRU(Features, Hidden, batchFirst: true);
    using var head = nn.Linear(Hidden, 1);
    var parameters = recurrent.parameters().Concat(head.parameters()).ToArray();
    using var optimizer = optim.Adam(parameters, 1e-3);
    using var x = randn(Batch, Length, Features);
    using var y = randint(0, 2, [Batch]).to(float32);
    var (wall, cpu) = (new List<double>(), new List<double>());
    for (int i = 0; i < steps + 3; i++)
    {
        var step = Measure(() =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var sequence = recurrent is TorchSharp.Modules.LSTM lstm ? lstm.call(x, null).Item1 : ((TorchSharp.Modules.GRU)recurrent).call(x, null).Item1;
            var logits = head.call(sequence.select(1, -1)).squeeze(-1);
            nn.functional.binary_cross_entropy_with_logits(logits, y).backward();
            optimizer.step();
        });
        if (i >= 3) { wall.Add(step.Wall); cpu.Add(step.Cpu); }
    }
    return (Median(wall), Median(cpu));
}

// Wall and process CPU milliseconds of one call.
static (double Wall, double Cpu) Measure(Action run)
{
    var cpu = Environment.CpuUsage.TotalTime;
    var sw = Stopwatch.StartNew();
    run();
    return (sw.Elapsed.TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
}

(double Library, double Direct) LatestLatencyMs(string kind)
{
    var set = RandomSet(Length + 300, seed: 2);
    var settings = new Dictionary<string, string>
    {
        ["sequence_length"] = Length.ToString(CultureInfo.InvariantCulture),
        ["hidden_size"] = Hidden.ToString(CultureInfo.InvariantCulture),
        ["max_epochs"] = "1",
    };
    using var model = ModelKinds.Get(kind).Create(ModelTask.BinaryClassification, settings, "benchmark");
    model.Fit(set);
    var window = set.Features.Values.AsSpan(0, Length * Features).ToArray();
    var library = new List<double>();
    for (int i = 0; i < 220; i++)
    {
        var sw = Stopwatch.StartNew();
        model.PredictLatest(window);
        if (i >= 20) library.Add(sw.Elapsed.TotalMilliseconds);
    }

    using var recurrent = kind == "lstm" ? (nn.Module)nn.LSTM(Features, Hidden, batchFirst: true) : nn.GRU(Features, Hidden, batchFirst: true);
    using var head = nn.Linear(Hidden, 1);
    var direct = new List<double>();
    for (int i = 0; i < 220; i++)
    {
        var sw = Stopwatch.StartNew();
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var x = tensor(window, [1, Length, Features]);
            var sequence = recurrent is TorchSharp.Modules.LSTM lstm ? lstm.call(x, null).Item1 : ((TorchSharp.Modules.GRU)recurrent).call(x, null).Item1;
            _ = head.call(sequence.select(1, -1)).sigmoid().item<float>();
        }
        if (i >= 20) direct.Add(sw.Elapsed.TotalMilliseconds);
    }
    return (Median(library), Median(direct));
}

static TrainingSet RandomSet(int rows, int seed)
{
    var random = new Random(seed);
    var values = new float[rows * Features];
    for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
    var labels = Enumerable.Range(0, rows).Select(_ => (float)random.Next(2)).ToArray();
    var time = Enumerable.Range(0, rows).Select(r => (long)r * TimeSpan.TicksPerHour).ToArray();
    var columns = Enumerable.Range(0, Features).Select(c => $"f{c}").ToArray();
    return new TrainingSet(new ModelMatrix(values, time, columns), labels);
}

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
