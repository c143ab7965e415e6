using LowDim.Models;
using LowDim.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Tests.Training;

/// <summary>The in-place SGD against TorchSharp's SGD, which computes PyTorch's update with temporaries.</summary>
public class InPlaceSgdTests
{
    [Theory]
    [InlineData(0.9, 5e-4, false)]
    [InlineData(0.9, 5e-4, true)]
    [InlineData(0.0, 1e-2, false)]
    [InlineData(0.5, 0.0, false)]
    public void FollowsTorchSharpsSgdToRounding(double momentum, double weightDecay, bool nesterov)
    {
        using var fast = Model(out var fastOptimizer, (groups, rate) => new InPlaceSgd(groups, rate, momentum, weightDecay, nesterov), momentum, weightDecay, nesterov);
        using var slow = Model(out var slowOptimizer, (groups, rate) => new SGD(groups, rate, momentum, 0, weightDecay, nesterov, false), momentum, weightDecay, nesterov);
        using var x = randn(32, 10, generator: new Generator(7));
        using var y = randint(0, 3, 32, generator: new Generator(8));
        for (int step = 0; step < 6; step++)
        {
            foreach (var (model, optimizer) in new[] { (fast, fastOptimizer), (slow, slowOptimizer) })
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.call(x), y).backward();
                optimizer.step();
            }
        }
        var expected = slow.state_dict();
        foreach (var (name, actual) in fast.state_dict())
        {
            using var scope = NewDisposeScope();
            var reference = expected[name].to(ScalarType.Float64);
            double difference = (actual.to(ScalarType.Float64) - reference).abs().max().item<double>();
            double size = reference.abs().max().item<double>();
            // float32 updates whose operations are ordered differently: a few ulps per step, six steps.
            Tolerance.Close(0, difference, 0, absolute: 1e-5 * Math.Max(1, size), what: name);
        }
        fastOptimizer.Dispose();
        slowOptimizer.Dispose();
    }

    private static Classifier Model(
        out optim.Optimizer optimizer, Func<IEnumerable<SGD.ParamGroup>, double, optim.Optimizer> make,
        double momentum, double weightDecay, bool nesterov)
    {
        torch.manual_seed(3);
        var model = Classifiers.Create(new ModelOptions { Widths = [16, 12] }, [10], 3);
        var options = new SGD.Options { LearningRate = 0.1, momentum = momentum, dampening = 0, weight_decay = weightDecay, nesterov = nesterov, maximize = false };
        optimizer = make([new SGD.ParamGroup(model.parameters(), options)], 0.1);
        return model;
    }
}
