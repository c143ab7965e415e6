using System.Globalization;
using System.Text;

namespace LowDim.Reporting.Tests;

/// <summary>
/// Writes a small run folder as the trainer would (the run contract): epochs 1, 2 and 4, both splits, one
/// hidden layer fc1 before the penultimate row, with metrics that decay as 1/epoch.
/// </summary>
internal static class SyntheticRun
{
    public const string MetricsHeader =
        "epoch,split,layer,loss,accuracy,nc1,nc1_quotient,nc1_cdnv,nc2_equinorm,nc2_equinorm_w,nc2_equiangular,nc2_maxangle,"
        + "nc2_etf,nc2_etf_w,nc3,nc3_zhu,nc4,ncc_accuracy,train_seconds,measure_seconds";

    public static readonly int[] Epochs = [1, 2, 4];

    /// <summary>Creates <paramref name="folder"/> with spec.json, metrics.csv, history.csv and geometry.json.</summary>
    public static string Write(string folder, string name = "synthetic", string loss = "ce")
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "spec.json"), $$"""
            {"dataset": "fashion-mnist", "model": "mlp", "widths": [8, 8], "feature_dim": null, "head": "learned",
             "loss": "{{loss}}", "epochs": 4, "lr": 0.05, "name": "{{name}}", "note": "<b>bold</b> & 'quoted'",
             "versions": {"lowdim": "0.1.0", "torchsharp": "0.107.0"} }
            """);
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), Metrics());
        var history = new StringBuilder("epoch,lr,train_loss,train_accuracy,train_seconds\n");
        for (int epoch = 1; epoch <= 4; epoch++) history.Append(Invariant($"{epoch},0.05,{0.5 / epoch:R},{1 - 0.1 / epoch:R},1.5\n"));
        File.WriteAllText(Path.Combine(folder, "history.csv"), history.ToString());
        File.WriteAllText(Path.Combine(folder, "geometry.json"), """
            {"epoch": 4, "split": "train", "classes": 3,
             "mean_gram": [[2.0, -1.0, -1.0], [-1.0, 2.1, -1.1], [-1.0, -1.1, 2.1]],
             "weight_gram": [[1.0, -0.5, -0.5], [-0.5, 1.0, -0.5], [-0.5, -0.5, 1.0]]}
            """);
        return folder;
    }

    // fc1 rows fill only nc1 and nc1_quotient; nc3_zhu is left empty throughout; train nc4 is 0 at epoch 4.
    private static string Metrics()
    {
        var text = new StringBuilder(MetricsHeader).Append('\n');
        foreach (int epoch in Epochs)
        {
            foreach (string split in (string[])["train", "test"])
            {
                double e = epoch, f = split == "train" ? 1 : 2;
                text.Append(Invariant($"{epoch},{split},fc1,,,{4 * f / e:R},{2 * f / e:R},,,,,,,,,,,,,\n"));
                double nc4 = split == "train" && epoch == 4 ? 0 : 0.1 * f / e;
                text.Append(Invariant($"{epoch},{split},penultimate,{0.5 * f / e:R},{1 - 0.1 * f / e:R},{f / e:R},{0.5 * f / e:R},{0.3 * f / e:R},"))
                    .Append(Invariant($"{0.2 / e:R},{0.1 / e:R},{0.2 / e:R},{0.1 / e:R},{0.9 / e:R},{0.5 / e:R},{1.2 / e:R},,{nc4:R},{0.9:R},1.5,0.25\n"));
            }
        }
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
