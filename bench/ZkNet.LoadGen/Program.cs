using System.Runtime.InteropServices;
using ZkNet.LoadGen;

// Run socket continuations on the socket engine's thread instead of hopping to the thread pool: each connection
// is one short loop, and on a small machine the hop roughly doubles the load generator's CPU per closed-loop
// request (measured here: 29-76 us without, 12-39 us with), CPU the server under test then lacks. Read once,
// when the first socket is used, so it must be set before that; an explicit setting in the environment wins.
if (Environment.GetEnvironmentVariable(Commands.InlineCompletionsVariable) is null)
{
    Environment.SetEnvironmentVariable(Commands.InlineCompletionsVariable, "1");
}

// Ctrl-C, SIGTERM and SIGHUP cancel the run instead of killing the process, so whatever it started (the
// compare command's servers) is stopped by pid on the way out.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
return await Commands.RunAsync(args, cancel.Token).ConfigureAwait(false);
