namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// Registers the tree models with <see cref="ModelKinds"/>: <c>lightgbm</c> and <c>xgboost</c>.
/// Hyperparameters (same names for both): <c>trees</c>, <c>learning_rate</c>, <c>max_depth</c>,
/// <c>num_leaves</c>, <c>min_child</c>, <c>subsample</c>, <c>colsample</c>, <c>l2</c>, <c>seed</c>,
/// <c>threads</c>, <c>early_stopping</c>. Both support <see cref="IExplainableModel"/> (total-gain
/// importance, native SHAP contributions).
/// </summary>
public static class GbdtModels
{
    /// <summary>Adds the <c>lightgbm</c> and <c>xgboost</c> factories; safe to call repeatedly.</summary>
    public static void Register()
    {
        ModelKinds.Register(new LightGbmFactory());
        ModelKinds.Register(new XGBoostFactory());
    }

    private sealed class LightGbmFactory : IModelFactory
    {
        public string Kind => LightGbmModel.Kind;
        public IModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition) =>
            new LightGbmModel(task, GbdtParameters.Parse(Kind, hyperparameters), labelDefinition);
        public IModel Load(string directory, ModelMetadata metadata) => LightGbmModel.Load(directory, metadata);
        public string LibraryVersion => "LightGBM 4.7.0 (lib_lightgbm from the LightGBM NuGet package)";
    }

    private sealed class XGBoostFactory : IModelFactory
    {
        public string Kind => XGBoostModel.Kind;
        public IModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition) =>
            new XGBoostModel(task, GbdtParameters.Parse(Kind, hyperparameters), labelDefinition);
        public IModel Load(string directory, ModelMetadata metadata) => XGBoostModel.Load(directory, metadata);
        public string LibraryVersion => $"XGBoost {XGBoostNative.Version()} ({XGBoostNative.Library})";
    }
}
