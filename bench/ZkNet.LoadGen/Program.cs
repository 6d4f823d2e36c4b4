using System.Runtime.InteropServices;
using ZkNet.LoadGen;

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
