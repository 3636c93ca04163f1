import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import Testing

/// Least privilege, route by route: for each role (niveaux 1–3, mobile permanence, métropole staff, bailleur,
/// revoked device, no token) and each endpoint, access is granted or refused as the role requires. "Granted"
/// means the request got past authentication and authorization (any answer but 401/403).
@Suite struct AuthorizationMatrixTests {
    enum Role: String, CaseIterable, CustomTestStringConvertible {
        case niveau1, niveau2, niveau3, permanence, metropole, bailleur, revoked, anonymous
        var testDescription: String { rawValue }
    }

    enum Access { case granted, forbidden, unauthenticated, redirectedToLogin }

    /// Endpoints and who may use them. Bodies are minimal; what matters here is the gate, not the outcome.
    static var endpoints: [(HTTPRequest.Method, String, ByteBuffer?, @Sendable (Role) -> Access)] {
        let any: @Sendable (Role) -> Access = { r in r == .revoked || r == .anonymous ? .unauthenticated : .granted }
        let staff: @Sendable (Role) -> Access = { r in r == .revoked || r == .anonymous ? .unauthenticated : (r == .metropole ? .granted : .forbidden) }
        let offers: @Sendable (Role) -> Access = { r in
            r == .revoked || r == .anonymous ? .unauthenticated : (r == .metropole || r == .bailleur ? .granted : .forbidden)
        }
        // The dashboard is for staff accounts: any device token is refused (even the métropole's), no session
        // means the login page.
        let dashboard: @Sendable (Role) -> Access = { r in r == .anonymous ? .redirectedToLogin : .forbidden }
        let loginForm: @Sendable (Role) -> Access = { r in r == .anonymous ? .granted : .forbidden }
        let publicForm: @Sendable (Role) -> Access = { _ in .granted }
        // Signing in is gated by the form's anti-forgery token, whoever calls: without the form's cookie, refused.
        let signIn: @Sendable (Role) -> Access = { _ in .forbidden }
        let id = UUID().uuidString
        let sha = String(repeating: "a", count: 64)
        return [
            (.get, "/v1/me", nil, any),
            (.post, "/v1/push", ByteBuffer(string: #"{"commands":[]}"#), any),
            (.get, "/v1/pull?cursor=0", nil, any),
            (.get, "/v1/reconcile", nil, any),
            (.get, "/v1/demandes/0381126000001GRE01", nil, any),
            (.head, "/v1/pieces/\(sha)", nil, any),
            (.patch, "/v1/pieces/\(sha)", ByteBuffer(string: "x"), any),
            (.get, "/v1/pieces/\(sha)", nil, any),
            (.get, "/v1/conflicts", nil, staff),
            (.post, "/v1/conflicts/\(id)/resolve", ByteBuffer(string: #"{"resolution":"keepServer"}"#), staff),
            (.get, "/v1/offres", nil, offers),
            (.post, "/v1/offres", ByteBuffer(string: "{}"), offers),
            (.post, "/v1/offres/import?bailleur=ACTIS", ByteBuffer(string: "reference;x\n"), offers),
            (.post, "/v1/offres/\(id)/statut", ByteBuffer(string: #"{"statut":"retiree"}"#), offers),
            (.get, "/v1/offres/\(id)/candidats", nil, offers),
            (.get, "/v1/offres/\(id)/pourquoi-pas/0381126000001GRE01", nil, offers),
            (.post, "/v1/offres/\(id)/designations", ByteBuffer(string: #"{"demandes":[]}"#), offers),
            (.get, "/v1/demandes/0381126000001GRE01/cotation", nil, offers),
            (.get, "/v1/indicateurs", nil, staff),
            (.get, "/pilotage", nil, dashboard),
            (.get, "/pilotage/csv/serie", nil, dashboard),
            (.get, "/pilotage/connexion", nil, loginForm),
            (.post, "/pilotage/connexion", ByteBuffer(string: "login=x&motDePasse=y&csrf=z"), signIn),
            (.post, "/pilotage/deconnexion", ByteBuffer(string: "csrf=z"), publicForm),
            // Last: it rotates the token the other calls use.
            (.post, "/v1/token", nil, any),
        ]
    }

    @Test(arguments: Role.allCases) func everyEndpointForRole(_ role: Role) async throws {
        let h = try await Harness.make()
        let device: TestDevice? = switch role {
        case .niveau1: try await h.device("N1001", niveau: .un)
        case .niveau2: try await h.device("N2001", niveau: .deux)
        case .niveau3: try await h.device("N3001", niveau: .trois)
        case .permanence: try await h.device("PMB01", niveau: .deux, type: .permanenceMobile)
        case .metropole: try await h.device("GAM01", niveau: .trois, type: .metropole)
        case .bailleur: try await h.device("ACTIS", niveau: .deux, type: .bailleur)
        case .revoked: try await h.device("REV01", niveau: .deux)
        case .anonymous: nil
        }
        if role == .revoked, let d = device { try await h.sync.revokeDevice(id: d.id) }
        try await h.app().test(.router) { client in
            for (method, path, body, rule) in Self.endpoints {
                var headers = HTTPFields()
                if method == .patch {
                    headers[HTTPField.Name("Upload-Offset")!] = "0"
                    headers[HTTPField.Name("Upload-Length")!] = "1"
                }
                let r = try await client.call(method, path, device: device, raw: body, headers: headers)
                switch rule(role) {
                case .granted:
                    #expect(r.status != .unauthorized && r.status != .forbidden, "\(role.rawValue) \(method) \(path) → \(r.status.code)")
                case .forbidden:
                    #expect(r.status == .forbidden, "\(role.rawValue) \(method) \(path) → \(r.status.code), expected 403")
                case .redirectedToLogin:
                    #expect(r.status == .seeOther && r.headers[.location] == "/pilotage/connexion", "\(role.rawValue) \(method) \(path) → \(r.status.code)")
                case .unauthenticated:
                    #expect(r.status == .unauthorized, "\(role.rawValue) \(method) \(path) → \(r.status.code), expected 401")
                    if role == .revoked, method != .head { #expect(r.problem?.code == "tokenRevoked") }
                }
            }
        }
    }

    /// Every /v1 and /pilotage route is in the matrix (a new route must say who may use it).
    @Test func matrixCoversEveryRoute() async throws {
        let h = try await Harness.make()
        let router = try buildRouter(sync: h.sync, blobs: try BlobStore(root: h.directory), registry: .init(),
                                 offres: try OffreService(store: h.store, clock: h.clock))
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.filter { ($0.contains(" /v1/") || $0.contains(" /pilotage")) && !$0.hasSuffix("/v1/enroll") })
        let covered = Set(Self.endpoints.map { "\($0.0.rawValue) \($0.1.split(separator: "?")[0])" })
        let templates = served.map { route -> (String, NSRegularExpression) in
            let marked = route.replacingOccurrences(of: "\\{[a-zA-Z0-9]+\\}", with: "PARAMETRE", options: .regularExpression)
            let pattern = "^" + NSRegularExpression.escapedPattern(for: marked).replacingOccurrences(of: "PARAMETRE", with: "[^/]+") + "$"
            return (route, try! NSRegularExpression(pattern: pattern))
        }
        for (route, regex) in templates {
            #expect(covered.contains { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }, "route not in the matrix: \(route)")
        }
    }
}
