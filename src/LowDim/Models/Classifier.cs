using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// A classifier: input → backbone → (optional <see cref="Bottleneck"/>) → features h (N, d) → head → logits (N, K).
/// <c>forward(x)</c> returns the logits. The head is registered as <c>fc</c> and the bottleneck as
/// <c>bottleneck</c>; the backbones use PyTorch's state_dict names.
/// </summary>
public abstract class Classifier : nn.Module<Tensor, Tensor>
{
    // Named as registered, so that Module.to() replaces these references when it moves the modules.
    private Bottleneck? bottleneck;
    private ClassifierHead? fc;
    private string[] layerNames = [];

    /// <summary>Creates the module; the subclass builds its backbone and then calls <see cref="AttachHead"/>.</summary>
    protected Classifier(string name, int classes) : base(name)
    {
        Classes = classes;
    }

    /// <summary>K, the number of classes.</summary>
    public int Classes { get; }

    /// <summary>d, the dimension of the penultimate features.</summary>
    public int FeatureDim { get; private set; }

    /// <summary>The last layer, registered as <c>fc</c>.</summary>
    public ClassifierHead Head => fc ?? throw new InvalidOperationException("the classifier has no head yet");

    /// <summary>
    /// Names of the layers whose outputs <see cref="Run"/> taps, in depth order; the last is the penultimate
    /// features (the head's input): the backbone's layers, then <c>bottleneck</c> when
    /// <see cref="ModelOptions.FeatureDim"/> is set.
    /// </summary>
    public IReadOnlyList<string> LayerNames => layerNames;

    /// <summary>
    /// One forward pass: the logits, the penultimate features (N, d) and, when <paramref name="tapLayers"/>, each
    /// tapped layer's output flattened to (N, *) in <see cref="LayerNames"/> order (an empty list otherwise).
    /// </summary>
    /// <param name="input">(N, *sample shape) inputs.</param>
    /// <param name="tapLayers">Whether to return every layer's output.</param>
    public ClassifierPass Run(Tensor input, bool tapLayers)
    {
        var layers = tapLayers ? new List<Tensor>(layerNames.Length) : null;
        var features = Backbone(input, layers);
        if (bottleneck is not null)
        {
            features = bottleneck.call(features);
            layers?.Add(features);
        }
        return new ClassifierPass(Head.call(features), features, (IReadOnlyList<Tensor>?)layers ?? []);
    }

    /// <summary>(N, *sample shape) inputs → (N, K) logits.</summary>
    public override Tensor forward(Tensor input) => Run(input, tapLayers: false).Logits;

    /// <summary>Every parameter but the head's, in state_dict order.</summary>
    public IEnumerable<Parameter> FeatureParameters() =>
        named_parameters().Where(named => !named.name.StartsWith("fc.", StringComparison.Ordinal)).Select(named => named.parameter);

    /// <summary>The head's trainable parameters (none for a fixed ETF head).</summary>
    public IEnumerable<Parameter> HeadParameters() => Head.parameters().Where(parameter => parameter.requires_grad);

    /// <summary>
    /// The number of scalar parameters (buffers such as batch-norm statistics and the ETF head's frame are not
    /// parameters); with <paramref name="trainableOnly"/>, only those that require gradients.
    /// </summary>
    public long ParameterCount(bool trainableOnly = true) =>
        parameters().Where(parameter => !trainableOnly || parameter.requires_grad).Sum(parameter => parameter.numel());

    /// <summary>
    /// The backbone: (N, *sample shape) → (N, width). When <paramref name="layers"/> is not null, appends each
    /// tapped layer's output flattened to (N, *), the last being the returned tensor.
    /// </summary>
    protected abstract Tensor Backbone(Tensor input, List<Tensor>? layers);

    /// <summary>
    /// Adds the bottleneck (when <see cref="ModelOptions.FeatureDim"/> is set) and the head after the backbone's
    /// modules, so that they are created (drawing from the global generator) and saved last, as in PyTorch, then
    /// registers the fields. Subclasses call it at the end of their constructor.
    /// </summary>
    /// <param name="backboneWidth">The width of the backbone's output.</param>
    /// <param name="backboneLayers">The names of the backbone's tapped layers.</param>
    /// <param name="options">The bottleneck and head options.</param>
    /// <exception cref="InvalidInputException">A feature dimension below 1, an unknown head, or an ETF head with d &lt; K − 1.</exception>
    protected void AttachHead(int backboneWidth, IEnumerable<string> backboneLayers, ModelOptions options)
    {
        var names = backboneLayers.ToList();
        FeatureDim = backboneWidth;
        if (options.FeatureDim is int featureDim)
        {
            if (featureDim < 1) throw new InvalidInputException($"--feature-dim must be at least 1, got {featureDim}");
            bottleneck = new Bottleneck(backboneWidth, featureDim, options.BatchNorm);
            register_module(nameof(bottleneck), bottleneck);
            names.Add(nameof(bottleneck));
            FeatureDim = featureDim;
        }
        fc = options.Head.Trim().ToLowerInvariant() switch
        {
            "learned" => new LinearHead(FeatureDim, Classes, options.HeadBias),
            "etf" => new SimplexEtfHead(FeatureDim, Classes),
            _ => throw new InvalidInputException($"--head must be learned or etf, not '{options.Head}'"),
        };
        register_module(nameof(fc), fc);
        layerNames = [.. names];
        RegisterComponents();
    }
}
