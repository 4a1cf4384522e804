using AlgoTrading.Backtesting;
using AlgoTrading.Domain;
using AlgoTrading.Features.Sets;
using AlgoTrading.Models.Validation;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace AlgoTrading.Notebooks;

/// <summary>
/// The .NET Interactive kernel extension of the <c>AlgoTrading.Notebooks</c> package, loaded by the
/// notebook host right after <c>#r "nuget: AlgoTrading.Notebooks, ..."</c>. It registers HTML formatters
/// for <see cref="Domain.BarSeries"/>, <see cref="Features.Sets.FeatureMatrix"/>,
/// <see cref="Backtesting.BacktestResult"/>, a cross-validation's fold table (<see cref="CrossValidationResult"/>),
/// a model's <see cref="Notebooks.FeatureImportance"/> and Plotly.NET charts (offline: plotly.js is written into
/// the notebook once, no CDN).
/// </summary>
public sealed class AlgoTradingKernelExtension : IKernelExtension
{
    /// <summary>Registers the formatters; each kernel (notebook) gets its own plotly.js-once state.</summary>
    public Task OnLoadAsync(Kernel kernel)
    {
        var charts = new NotebookCharts();
        Formatter.Register<BarSeries>((series, writer) => writer.Write(NotebookHtml.BarSeries(series)), HtmlFormatter.MimeType);
        Formatter.Register<FeatureMatrix>((matrix, writer) => writer.Write(NotebookHtml.FeatureMatrix(matrix)), HtmlFormatter.MimeType);
        Formatter.Register<BacktestResult>((result, writer) => writer.Write(NotebookHtml.BacktestResult(result, charts)), HtmlFormatter.MimeType);
        Formatter.Register<CrossValidationResult>((validation, writer) => writer.Write(NotebookHtml.FoldTable(validation)), HtmlFormatter.MimeType);
        Formatter.Register<FeatureImportance>((importance, writer) => writer.Write(NotebookHtml.FeatureImportance(importance, charts)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(charts.ToHtml(chart)), HtmlFormatter.MimeType);
        foreach (var type in new[] { typeof(BarSeries), typeof(FeatureMatrix), typeof(BacktestResult), typeof(CrossValidationResult), typeof(FeatureImportance), typeof(GenericChart) })
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType);
        return Task.CompletedTask;
    }
}
