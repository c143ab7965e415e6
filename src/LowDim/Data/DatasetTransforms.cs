using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>The preparation steps of <see cref="Datasets.Load(string, DatasetOptions, DatasetLocator)"/>.</summary>
internal static class DatasetTransforms
{
    /// <summary>
    /// The first <paramref name="perClass"/> samples of each class in an order shuffled with <paramref name="seed"/>,
    /// kept in their original order.
    /// </summary>
    /// <exception cref="InvalidInputException"><paramref name="perClass"/> is below 1 or above a class's size.</exception>
    public static (Tensor Inputs, Tensor Labels) BalancedSubset(Tensor inputs, Tensor labels, int classes, int perClass, int seed, string name)
    {
        if (perClass < 1)
        {
            throw new InvalidInputException($"--per-class must be at least 1, got {perClass}");
        }
        long n = labels.shape[0];
        using var generator = new Generator(RandomStreams.Seed(seed, RandomStreams.Subset));
        var order = randperm(n, generator: generator);
        var shuffled = labels.index_select(0, order);
        var counts = bincount(labels, minlength: classes);
        var smallest = counts.min();
        if (smallest.item<long>() < perClass)
        {
            long k = counts.argmin().item<long>();
            throw new InvalidInputException($"--per-class {perClass}: class {k} of {name} has only {smallest.item<long>()} samples");
        }
        // A stable sort of the shuffled labels lists each class's samples in shuffled order, class after class.
        var (_, byClass) = shuffled.sort(stable: true);
        var starts = counts.cumsum(0).sub_(counts);
        var picked = starts.unsqueeze(1).add(arange(perClass).unsqueeze(0)).reshape(-1);
        var chosen = order.index_select(0, byClass.index_select(0, picked)).sort().Values;
        return (inputs.index_select(0, chosen), labels.index_select(0, chosen));
    }

    /// <summary>(N) int64 labels drawn uniformly from 0..<paramref name="classes"/> − 1 with <paramref name="seed"/>.</summary>
    public static Tensor RandomLabels(long count, int classes, int seed)
    {
        using var generator = new Generator(RandomStreams.Seed(seed, RandomStreams.RandomLabels));
        return randint(classes, [count], ScalarType.Int64, generator: generator);
    }

    /// <summary>
    /// Normalises <paramref name="train"/> and <paramref name="test"/> in place by the mean and population
    /// standard deviation of <paramref name="train"/> per channel (dimension 1), over all other dimensions.
    /// </summary>
    public static Normalization Normalize(Tensor train, Tensor test)
    {
        long[] over = [0, .. Enumerable.Range(2, (int)train.dim() - 2).Select(i => (long)i)];
        var (std, mean) = std_mean(train, over, unbiased: false, keepdim: true);
        std = where(std.eq(0), ones_like(std), std);
        train.sub_(mean).div_(std);
        test.sub_(mean).div_(std);
        return new Normalization(Values(mean), Values(std));
    }

    private static double[] Values(Tensor perChannel) => perChannel.reshape(-1).to(ScalarType.Float64).data<double>().ToArray();
}
