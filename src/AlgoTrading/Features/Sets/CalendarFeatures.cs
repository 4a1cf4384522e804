using AlgoTrading.Features.Sets.Components;
using AlgoTrading.Time;

namespace AlgoTrading.Features.Sets;

/// <summary>
/// Calendar and session columns, evaluated at the bar's start (known before the bar opens):
/// <c>hour</c> (UTC, 0–23), <c>weekday</c> (UTC, Monday = 0 … Sunday = 6), and 0/1 flags for the
/// main FX sessions in their own zones, DST included: <c>session_tokyo</c> 09:00–18:00 Asia/Tokyo,
/// <c>session_london</c> 08:00–17:00 Europe/London, <c>session_new_york</c> 08:00–17:00 America/New_York.
/// </summary>
public sealed class CalendarFeatures : IFeatureComponent
{
    /// <summary>The column names this component knows.</summary>
    public static readonly IReadOnlyList<string> Names = ["hour", "weekday", "session_tokyo", "session_london", "session_new_york"];

    private static readonly (string Name, string Zone, int Open, int Close)[] Sessions =
    [
        ("session_tokyo", "Asia/Tokyo", 9, 18),
        ("session_london", "Europe/London", 8, 17),
        ("session_new_york", "America/New_York", 8, 17),
    ];

    private readonly string[] _columns;
    private readonly ZoneClock?[] _clocks;
    private readonly (int Open, int Close)[] _hours;

    /// <summary>Creates the component for <paramref name="columns"/> (a subset of <see cref="Names"/>).</summary>
    public CalendarFeatures(IReadOnlyList<string> columns)
    {
        _columns = [.. columns];
        _clocks = new ZoneClock?[_columns.Length];
        _hours = new (int, int)[_columns.Length];
        for (int k = 0; k < _columns.Length; k++)
        {
            if (!Names.Contains(_columns[k])) throw new ArgumentException($"'{_columns[k]}' is not a calendar feature; expected one of {string.Join(", ", Names)}");
            var session = Sessions.FirstOrDefault(s => s.Name == _columns[k]);
            if (session.Name is null) continue;
            _clocks[k] = new ZoneClock(MarketTimeZones.Resolve(session.Zone));
            _hours[k] = (session.Open, session.Close);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        for (int k = 0; k < _columns.Length; k++)
        {
            switch (_columns[k])
            {
                case "hour": output[k] = bar.Time / TimeSpan.TicksPerHour % 24; break;
                case "weekday": output[k] = ((int)new DateTime(bar.Time).DayOfWeek + 6) % 7; break;
                default:
                    long local = _clocks[k]!.ToLocal(bar.Time);
                    var day = new DateTime(local).DayOfWeek;
                    long hour = local / TimeSpan.TicksPerHour % 24;
                    bool weekday = day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
                    output[k] = weekday && hour >= _hours[k].Open && hour < _hours[k].Close ? 1 : 0;
                    break;
            }
        }
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new CalendarFeatures(_columns);
}
