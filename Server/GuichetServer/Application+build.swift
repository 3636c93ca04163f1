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
    let pilotage = try PilotageComposants(store: store, clock: clock)
    // Fold the fact log once at start, so the first dashboard view does not pay for it.
    Task { [service = pilotage.service] in _ = try? await service.rafraichir() }
    let router = try buildRouter(sync: sync, blobs: blobs, registry: PrometheusCollectorRegistry(), offres: offres, pilotage: pilotage)
    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "guichet-server"),
        logger: logger
    )
}

/// The router: `/v1/…` API behind the protocol gate and device authentication, plus operations endpoints.
public func buildRouter(
    sync: SyncService, blobs: BlobStore, registry: PrometheusCollectorRegistry, offres: OffreService, pilotage: PilotageComposants? = nil
) throws -> Router<GuichetRequestContext> {
    let pilotage = try pilotage ?? PilotageComposants(store: sync.store, clock: sync.clock)
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
    PilotageRoutes(pilotage: pilotage.service, comptes: pilotage.comptes, sessions: pilotage.sessions, throttle: pilotage.throttle,
                   rendu: pilotage.rendu, sync: sync, clock: sync.clock).addRoutes(to: router)
    return router
}

/// The dashboard's parts: the figures, staff accounts, their sessions, the login throttle and the page templates.
public struct PilotageComposants: Sendable {
    public let service: PilotageService
    public let comptes: StaffAccounts
    public let sessions: StaffSessions
    public let throttle: LoginThrottle
    public let rendu: RenduPilotage

    /// `bcryptCost` is 12 in production; tests lower it.
    public init(store: any Store, clock: any ServerClock, bcryptCost: UInt8 = 12) throws {
        service = PilotageService(store: store, clock: clock)
        comptes = StaffAccounts(store: store, clock: clock, cost: bcryptCost)
        sessions = StaffSessions(clock: clock)
        throttle = LoginThrottle(clock: clock)
        rendu = try RenduPilotage.standard()
    }
}
