import Foundation
import GuichetProtocol
import Hummingbird
import Logging
import Prometheus

/// Builds the server: routes, middleware, services. The one assembly function tests and `serve` share.
public func buildApplication(
    configuration: ServerConfiguration, store: any Store, clock: any ServerClock = SystemClock()
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "guichet-server")
    logger.logLevel = configuration.logLevel
    let sync = SyncService(store: store, configuration: configuration.sync, clock: clock)
    let blobs = try BlobStore(root: configuration.dataDirectory, maximumSize: configuration.maximumPieceSize)
    let offres = try OffreService(store: store, clock: clock, grille: configuration.grille)
    let router = buildRouter(sync: sync, blobs: blobs, registry: PrometheusCollectorRegistry(), offres: offres)
    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "guichet-server"),
        logger: logger
    )
}

/// The router: `/v1/…` API behind the protocol gate and device authentication, plus operations endpoints.
public func buildRouter(sync: SyncService, blobs: BlobStore, registry: PrometheusCollectorRegistry, offres: OffreService) -> Router<GuichetRequestContext> {
    let router = Router(context: GuichetRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(registry: registry))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: ProtocolGateMiddleware())
    OperationsRoutes(sync: sync, registry: registry).addRoutes(to: router)
    let v1 = router.group("v1")
    SyncRoutes(sync: sync).addPublicRoutes(to: v1)
    let device = v1.group().add(middleware: DeviceAuthMiddleware(sync: sync))
    SyncRoutes(sync: sync).addDeviceRoutes(to: device)
    PieceRoutes(sync: sync, blobs: blobs).addRoutes(to: device)
    ConflictRoutes(sync: sync).addRoutes(to: device)
    OffreRoutes(offres: offres).addRoutes(to: device)
    return router
}
