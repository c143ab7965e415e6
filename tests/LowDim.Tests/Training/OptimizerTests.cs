using LowDim.Models;
using LowDim.Tests.Data;
using LowDim.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using OptimizerOptions = LowDim.Training.OptimizerOptions;

namespace LowDim.Tests.Training;

public class OptimizerTests
{
    private static readonly ModelOptions Mlp = new() { Widths = [16, 12] };

    [Fact]
    public void SgdGroupsHaveTheOptionsTheyWereGiven()
    {
        using var model = Classifiers.Create(Mlp, [10], 3);
        var options = new OptimizerOptions { LearningRate = 0.07, Momentum = 0.8, Nesterov = true, WeightDecay = 1e-3, HeadWeightDecay = 0.02 };

        using var optimizer = Optimizers.Create(options, model);

        var groups = optimizer.ParamGroups.Cast<SGD.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(model.FeatureParameters(), groups[0].Parameters);
        Assert.Equal(model.HeadParameters(), groups[1].Parameters);
        foreach (var (group, decay) in groups.Zip([1e-3, 0.02]))
        {
            Assert.Equal(0.07, group.LearningRate);
            Assert.Equal(0.8, group.Options.momentum);
            Assert.Equal(0.0, group.Options.dampening);
            Assert.Equal(true, group.Options.nesterov);
            Assert.Equal(decay, group.Options.weight_decay);
        }
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void AdamGroupsHaveTheOptionsTheyWereGiven(string kind)
    {
        using var model = Classifiers.Create(Mlp, [10], 3);
        var options = new OptimizerOptions { Kind = kind, LearningRate = 3e-4, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6, WeightDecay = 0.01, HeadWeightDecay = 0 };

        using var optimizer = Optimizers.Create(options, model);

        var groups = optimizer.ParamGroups.Cast<ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        foreach (var (group, decay) in groups.Zip([0.01, 0.0]))
        {
            Assert.Equal(3e-4, group.LearningRate);
            var (beta1, beta2, eps, weightDecay) = group.Options switch
            {
                Adam.Options adam => (adam.beta1, adam.beta2, adam.eps, adam.weight_decay),
                AdamW.Options adamW => (adamW.beta1, adamW.beta2, adamW.eps, adamW.weight_decay),
                _ => throw new InvalidOperationException(group.Options.GetType().Name),
            };
            Assert.Equal((0.8, 0.99, 1e-6, decay), (beta1!.Value, beta2!.Value, eps!.Value, weightDecay!.Value));
        }
    }

    [Fact]
    public void EachGroupDecaysWithItsOwnRate()
    {
        using var scope = NewDisposeScope();
        using var model = Classifiers.Create(Mlp, [10], 3);
        using var optimizer = Optimizers.Create(
            new OptimizerOptions { LearningRate = 0.5, WeightDecay = 0.1, HeadWeightDecay = 0.4 }, model);
        var before = model.parameters().Select(parameter => parameter.detach().clone()).ToList();

        // A zero loss leaves only the decay: θ ← θ − η λ θ on the first step, whatever the momentum.
        (model.call(randn(4, 10)).sum() * 0).backward();
        optimizer.step();

        var after = model.parameters().ToList();
        var isHead = model.parameters().Select(parameter => model.HeadParameters().Contains(parameter)).ToList();
        for (int i = 0; i < after.Count; i++)
        {
            double factor = 1 - 0.5 * (isHead[i] ? 0.4 : 0.1);
            // One float32 multiply-add per entry.
            Assert.True(after[i].allclose(before[i] * factor, rtol: 1e-6, atol: 1e-7), $"parameter {i}");
        }
    }

    [Fact]
    public void TheEtfHeadIsNotOptimised()
    {
        using var model = Classifiers.Create(Mlp with { Head = "etf" }, [10], 3);

        using var optimizer = Optimizers.Create(new OptimizerOptions(), model);

        Assert.Single(optimizer.ParamGroups);
        Assert.Equal(model.parameters().Count(), optimizer.parameters().Count());
    }

    [Fact]
    public void SetLearningRateSetsEveryGroup()
    {
        using var model = Classifiers.Create(Mlp, [10], 3);
        using var optimizer = Optimizers.Create(new OptimizerOptions { HeadWeightDecay = 0 }, model);

        Optimizers.SetLearningRate(optimizer, 0.123);

        Assert.All(optimizer.ParamGroups, group => Assert.Equal(0.123, group.LearningRate));
    }

    [Theory]
    [InlineData("sgd", false)]
    [InlineData("sgd", true)]
    [InlineData("adam", false)]
    [InlineData("adamw", false)]
    public void ResumingFromSavedStateIsBitIdentical(string kind, bool nesterov)
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var options = new OptimizerOptions { Kind = kind, Nesterov = nesterov, LearningRate = kind == "sgd" ? 0.1 : 0.01, HeadWeightDecay = 1e-2 };
        var batches = Batches(6);

        using var uninterrupted = Classifiers.Create(Mlp, [10], 3);
        using var first = Optimizers.Create(options, uninterrupted);
        Train(uninterrupted, first, batches[..3]);
        uninterrupted.save(folder.File("model.bin"));
        Optimizers.SaveState(first, folder.File("optimizer.bin"));
        Train(uninterrupted, first, batches[3..]);

        using var resumed = Classifiers.Create(Mlp, [10], 3);
        using var second = Optimizers.Create(options, resumed);
        resumed.load(folder.File("model.bin"));
        Optimizers.LoadState(second, folder.File("optimizer.bin"));
        Train(resumed, second, batches[3..]);

        var expected = uninterrupted.state_dict();
        foreach (var (name, value) in resumed.state_dict())
            Assert.True(Identical.Tensors(expected[name], value), $"{name} differs after resuming");
    }

    [Fact]
    public void LoadingAnotherOptimizersStateIsADataFileError()
    {
        using var folder = new TempFolder();
        using var model = Classifiers.Create(Mlp, [10], 3);
        using var sgd = Optimizers.Create(new OptimizerOptions(), model);
        using var adam = Optimizers.Create(new OptimizerOptions { Kind = "adam" }, model);
        Optimizers.SaveState(sgd, folder.File("sgd.bin"));

        var error = Assert.Throws<DataFileException>(() => Optimizers.LoadState(adam, folder.File("sgd.bin")));
        Assert.Contains("not the state of this optimizer", error.Message);
        Assert.Throws<DataFileException>(() => Optimizers.LoadState(adam, folder.File("missing.bin")));
        Assert.Equal(["sgd.bin"], folder.FileNames());
    }

    [Theory]
    [InlineData("rmsprop", false, "--optimizer")]
    [InlineData("sgd", true, "--nesterov")]
    public void BadOptionsAreInvalidInput(string kind, bool nesterov, string message)
    {
        using var model = Classifiers.Create(Mlp, [10], 3);
        var options = new OptimizerOptions { Kind = kind, Nesterov = nesterov, Momentum = nesterov ? 0 : 0.9 };

        var error = Assert.Throws<InvalidInputException>(() => Optimizers.Create(options, model));
        Assert.Contains(message, error.Message);
    }

    private static (Tensor Inputs, Tensor Labels)[] Batches(int count)
    {
        var generator = new Generator(42);
        return [.. Enumerable.Range(0, count).Select(_ =>
            (randn([8, 10], generator: generator), randint(0, 3, [8], generator: generator)))];
    }

    private static void Train(Classifier model, optim.Optimizer optimizer, IEnumerable<(Tensor Inputs, Tensor Labels)> batches)
    {
        var loss = ClassificationLoss.Create(new LossOptions());
        model.train();
        foreach (var (inputs, labels) in batches)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            loss.Compute(model.call(inputs), labels).backward();
            optimizer.step();
        }
    }
}
