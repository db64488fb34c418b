import Dispatch
import Foundation
import MCPClient
import Scanner

/// On Ctrl-C or SIGTERM, kills every server mcprisk started (they run in their own process groups, so the
/// terminal's signal does not reach them) and exits 130, so an interrupted scan leaves nothing behind.
enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers once, before any server starts.
    static func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let running = !LiveProcessGroups.current.isEmpty
                LiveProcessGroups.killAll()
                Sandbox.cleanUpAll()
                if running { FileHandle.standardError.write(Data("\nmcprisk: interrupted; servers stopped\n".utf8)) }
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }
}
