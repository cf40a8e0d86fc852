using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelGate.Tests.Testing;

// gatebench model DIR            writes DIR/add/1/model.onnx (sum = a + b, FP32[N])
// gatebench inprocess FILE N     times N runs of InferenceSession.Run on a = b = [1,2,3,4], one session, one thread
switch (args)
{
    case ["model", var dir]:
        OnnxModels.WriteTo(dir, "add", "1", OnnxModels.Add());
        Console.WriteLine(Path.Combine(dir, "add", "1", "model.onnx"));
        return 0;
    case ["inprocess", var file, var count]:
        var n = int.Parse(count);
        using (var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL })
        using (var session = new InferenceSession(file, options))
        using (var run = new RunOptions())
        {
            float[] data = [1, 2, 3, 4];
            long[] shape = [4];
            string[] names = ["a", "b"];
            string[] outputs = ["sum"];
            using var a = OrtValue.CreateTensorValueFromMemory(data, shape);
            using var b = OrtValue.CreateTensorValueFromMemory(data, shape);
            OrtValue[] inputs = [a, b];
            var samples = new double[n];
            for (var i = 0; i < n + 2000; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var result = session.Run(run, names, inputs, outputs);
                if (i >= 2000) samples[i - 2000] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Array.Sort(samples);
            Console.WriteLine($"InferenceSession.Run in-process: p50 {samples[n / 2]:F1} us, p99 {samples[(int)(n * 0.99)]:F1} us ({n} runs)");
        }
        return 0;
    default:
        Console.Error.WriteLine("usage: gatebench model DIR | gatebench inprocess FILE N");
        return 2;
}
