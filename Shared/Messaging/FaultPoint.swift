#if DEBUG
import Foundation
import Synchronization

/// Test-only crash hooks (`FAULT_POINT=name:N` kills the process with SIGKILL at the N-th pass through `name`).
/// Compiled only into debug builds: release binaries ignore the variable entirely.
package enum FaultPoint {
    private static let armed: (name: String, count: Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["FAULT_POINT"] else { return nil }
        let parts = spec.split(separator: ":")
        guard let name = parts.first else { return nil }
        return (String(name), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    private static let passes = Atomic<Int>(0)

    /// Kills the process here when this point is armed and its count is reached.
    package static func hit(_ name: String) {
        guard let armed, armed.name == name else { return }
        if passes.add(1, ordering: .relaxed).newValue >= armed.count {
            kill(getpid(), SIGKILL)
        }
    }
}
#else
/// Release builds carry no fault hooks.
package enum FaultPoint {
    @inline(__always) package static func hit(_ name: String) {}
}
#endif
