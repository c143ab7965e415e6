namespace LowDim.Experiments;

/// <summary>The epochs at which a run measures neural collapse.</summary>
public static class MeasureSchedule
{
    /// <summary>
    /// The 1-based epochs that <paramref name="measureAt"/> names, sorted, always with the last epoch:
    /// <c>log</c>: every epoch up to 10, then about 10% apart (each max(e + 1, round(1.1 e))), like the
    /// log-spaced list Papyan, Han &amp; Donoho measured at; <c>every</c>; <c>last</c>; or a comma-separated
    /// list such as <c>1,2,5,10</c> (epochs past the end are an error).
    /// </summary>
    /// <exception cref="InvalidInputException">Text that is none of these.</exception>
    public static IReadOnlyList<int> Parse(string measureAt, int epochs)
    {
        var chosen = new SortedSet<int> { epochs };
        switch (measureAt.Trim().ToLowerInvariant())
        {
            case "log":
                for (int e = 1; e <= epochs; e = e < 10 ? e + 1 : Math.Max(e + 1, (int)Math.Round(1.1 * e, MidpointRounding.AwayFromZero))) chosen.Add(e);
                break;
            case "every":
                for (int e = 1; e <= epochs; e++) chosen.Add(e);
                break;
            case "last":
                break;
            default:
                foreach (string part in measureAt.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int epoch) || epoch < 1)
                        throw new InvalidInputException($"--measure-at must be log, every, last or a list of epochs like 1,2,5,10, not '{measureAt}'");
                    if (epoch > epochs)
                        throw new InvalidInputException($"--measure-at names epoch {epoch} but the run has {epochs} epochs");
                    chosen.Add(epoch);
                }
                break;
        }
        return [.. chosen];
    }
}
