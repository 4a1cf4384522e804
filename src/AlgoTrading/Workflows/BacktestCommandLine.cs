using System.Globalization;
using AlgoTrading.Configuration;
using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;
using AlgoTrading.Strategies;

namespace AlgoTrading.Workflows;

/// <summary>
/// The arguments of <c>algotrading backtest</c> as typed (null: not given). <see cref="ToRequest"/> is
/// the one place they are merged with the <c>--config</c> YAML (the command line wins) and the
/// defaults, and checked: a bad value is refused with one line naming the argument.
/// </summary>
public sealed record BacktestCommandLine
{
    /// <summary><c>--data</c>: the bar file of the traded instrument.</summary>
    public required string DataFile { get; init; }
    /// <summary><c>--instrument</c>.</summary>
    public string? Instrument { get; init; }
    /// <summary><c>--price</c>: bid, ask, mid or trade.</summary>
    public string? Price { get; init; }
    /// <summary><c>--strategy</c>.</summary>
    public string? Strategy { get; init; }
    /// <summary><c>--config</c>: a backtest YAML file (<see cref="BacktestConfigFile"/>).</summary>
    public string? ConfigFile { get; init; }
    /// <summary><c>--param key=value</c> items.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];
    /// <summary><c>--units</c>.</summary>
    public double? Units { get; init; }
    /// <summary><c>--cash</c>.</summary>
    public double? Cash { get; init; }
    /// <summary><c>--costs</c>: none or config.</summary>
    public string? Costs { get; init; }
    /// <summary><c>--with SYMBOL=file</c> items.</summary>
    public IReadOnlyList<string> With { get; init; } = [];
    /// <summary><c>--policy</c>: what the validated loader does with bad rows (fail, drop, repair or keep); null fails on the first one.</summary>
    public string? Policy { get; init; }
    /// <summary><c>--walk-forward</c>: trade each window with what was learned before it; needs <see cref="Retrain"/>.</summary>
    public bool WalkForward { get; init; }
    /// <summary><c>--retrain</c>: with <see cref="WalkForward"/>, retrain the model per window (the <c>model-walk-forward</c> strategy).</summary>
    public bool Retrain { get; init; }
    /// <summary>Receives the validation report of every data file loaded (to print what drop or repair did).</summary>
    public Action<ValidationReport>? Validated { get; init; }

    /// <summary>The request these arguments, the YAML file and the defaults describe.</summary>
    /// <exception cref="ArgumentException">A bad argument (the message names it; exit code 2).</exception>
    /// <exception cref="ConfigurationException">The YAML file is invalid.</exception>
    public BacktestRequest ToRequest()
    {
        var file = ConfigFile is { } path ? YamlBinder.BindFile<BacktestConfigFile>(path) : new BacktestConfigFile();
        var parameters = new Dictionary<string, string>(file.Params);
        foreach (var (k, v) in CommandLineValues.Pairs(Parameters, "--param")) parameters[k] = v;
        return new BacktestRequest
        {
            DataFile = DataFile, Instrument = Instrument,
            Strategy = WalkForwardStrategy(Strategy ?? file.Strategy) ?? throw new ArgumentException("no strategy: pass --strategy or set strategy in --config"),
            Parameters = parameters, Price = CommandLineValues.Price(Price),
            Units = Positive(Units, "--units", file.Units, "units", StrategyFactory.DefaultUnits),
            Cash = Positive(Cash, "--cash", file.Cash, "cash", BacktestRequest.DefaultCash),
            Others = CommandLineValues.Pairs(With, "--with"),
            Costs = (Costs ?? file.Costs ?? "config") switch { "none" => false, "config" => true, var c => throw new ArgumentException($"--costs {c}: expected none or config") },
            SlippagePips = file.SlippagePips, SlippageAtrFraction = file.SlippageAtrFraction, SameBarExits = file.SameBarExits, Risk = file.Risk,
            Validation = CommandLineValues.Validation(Policy ?? "fail"), Validated = Validated,
        };
    }

    /// <summary>
    /// <c>--walk-forward --retrain</c> is the spelling of <c>--strategy model-walk-forward</c> (which keeps working):
    /// without a strategy, or with <c>model</c> or <c>model-walk-forward</c>, it is that strategy; anything else is refused.
    /// </summary>
    private string? WalkForwardStrategy(string? strategy)
    {
        const string retrained = "model-walk-forward";
        if (!WalkForward && !Retrain) return strategy;
        if (!WalkForward) throw new ArgumentException("--retrain needs --walk-forward: a model is retrained per walk-forward window");
        if (!Retrain) throw new ArgumentException("--walk-forward needs --retrain: the walk-forward backtest retrains a model per window (add --retrain)");
        return strategy is null or "model" or retrained ? retrained
            : throw new ArgumentException($"--walk-forward --retrain retrains a model; strategy '{strategy}' has no model (omit --strategy, or use model)");
    }

    private double Positive(double? argument, string option, double? fromFile, string key, double fallback)
    {
        if (argument is { } a) return double.IsFinite(a) && a > 0 ? a
            : throw new ArgumentException($"{option} {a.ToString(CultureInfo.InvariantCulture)}: expected a positive finite number");
        if (fromFile is { } f) return double.IsFinite(f) && f > 0 ? f
            : throw new ArgumentException($"{ConfigFile}: {key} {f.ToString(CultureInfo.InvariantCulture)}: expected a positive finite number");
        return fallback;
    }
}
