namespace LowDim.Data;

/// <summary>
/// The seeds of the dataset layer's random choices: each choice has its own stream derived from the user's
/// seed, so that turning one option on does not change what another draws.
/// </summary>
internal static class RandomStreams
{
    public const ulong Subset = 1;
    public const ulong RandomLabels = 2;
    public const ulong Mixture = 3;

    /// <summary>The seed of stream <paramref name="stream"/> for the user's <paramref name="seed"/>.</summary>
    public static ulong Seed(int seed, ulong stream) =>
        // A Weyl-sequence step (the golden ratio in 64 bits) spreads neighbouring seeds and streams apart.
        unchecked(((ulong)(uint)seed << 8 | stream) * 0x9E3779B97F4A7C15UL);
}
