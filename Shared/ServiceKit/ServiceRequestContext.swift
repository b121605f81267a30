import Hummingbird
import NIOCore

/// The request context of every service: Hummingbird's core context plus the peer address, which
/// the rate limits need (the peer is the gateway when the request came through it).
package struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
