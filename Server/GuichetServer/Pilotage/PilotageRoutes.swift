import Foundation
import GuichetDomain
import GuichetProtocol
import HTTPTypes
import Hummingbird

/// The métropole's dashboard (`/pilotage`, staff accounts with a session cookie) and `GET /v1/indicateurs`
/// (a métropole device token or a staff session). Every other role is refused.
struct PilotageRoutes {
    let pilotage: PilotageService
    let comptes: StaffAccounts
    let sessions: StaffSessions
    let throttle: LoginThrottle
    let rendu: RenduPilotage
    let sync: SyncService
    let clock: any ServerClock

    static let cookieSession = "guichet_session"
    static let cookieCSRF = "guichet_csrf"

    struct Connexion: Decodable {
        var login: String?
        var motDePasse: String?
        var csrf: String?
    }

    struct Deconnexion: Decodable { var csrf: String? }

    func addRoutes(to router: Router<GuichetRequestContext>) {
        router.get("pilotage") { request, context in
            guard let session = try await staff(request) else { return Self.redirection("/pilotage/connexion") }
            let (i, guichets) = try await pilotage.indicateursEtGuichets(try requete(request, limite: 50))
            let html = rendu.tableauDeBord(i, guichets: guichets, utilisateur: session.nom, csrf: session.csrf,
                                           tri: request.uri.queryParameters.get("tri"))
            return Self.html(html)
        }
        router.get("pilotage/csv/{table}") { request, context in
            guard try await staff(request) != nil else { return Self.redirection("/pilotage/connexion") }
            let nom = try context.parameters.require("table")
            guard let table = TableCSV(rawValue: nom) else {
                throw Problem(.notFound, detail: "Aucun tableau « \(nom) » : \(TableCSV.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let i = try await pilotage.indicateurs(try requete(request, limite: 100_000))
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"pilotage-\(table.rawValue)-\(i.requete.du)-\(i.requete.au).csv\""
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSVPilotage.csv(i, table: table))))
        }
        router.get("pilotage/connexion") { request, _ in
            if try await staff(request) != nil { return Self.redirection("/pilotage") }
            return pageConnexion(request, erreur: nil, login: nil, status: .ok)
        }
        router.post("pilotage/connexion") { request, context in
            try await connexion(request, context: context)
        }
        router.post("pilotage/deconnexion") { request, _ in
            var request = request
            let corps = try await Self.formulaire(Deconnexion.self, &request)
            if let jeton = request.cookies[Self.cookieSession]?.value, let s = await sessions.session(jeton) {
                guard corps.csrf == s.csrf else { throw Problem(.forbidden, detail: "Formulaire expiré : rechargez la page.") }
                await sessions.fermer(jeton)
            }
            var r = Self.redirection("/pilotage/connexion")
            r.setCookie(Cookie(name: Self.cookieSession, value: "", maxAge: 0, path: "/", secure: Self.tls(request), httpOnly: true, sameSite: .strict))
            return r
        }
        router.get("v1/indicateurs") { request, _ in
            if request.headers[.authorization] != nil {
                let device = try await DeviceAuthMiddleware.device(request, sync: sync)
                guard Permissions.autorise(.consulterPilotage, pour: device.guichet) else {
                    throw Problem(.forbidden, detail: "Les indicateurs de pilotage sont réservés à la métropole.")
                }
            } else {
                guard try await staff(request) != nil else {
                    throw Problem(.unauthenticated, detail: "Authentification requise : jeton d'appareil de la métropole ou session du tableau de bord.")
                }
            }
            return try jsonResponse(try await pilotage.indicateurs(try requete(request, limite: 100)))
        }
    }

    /// The staff session of the request; a device token is refused outright (403), no session is nil.
    func staff(_ request: Request) async throws -> StaffSessions.Session? {
        if request.headers[.authorization] != nil {
            throw Problem(.forbidden, detail: "Le tableau de bord est réservé aux comptes de la métropole : un jeton d'appareil n'y donne pas accès.")
        }
        guard let jeton = request.cookies[Self.cookieSession]?.value, !jeton.isEmpty, let s = await sessions.session(jeton) else { return nil }
        // A disabled account loses its open sessions at once (accounts are disabled from the CLI, another process).
        guard try await comptes.actif(login: s.login) else {
            await sessions.fermer(jeton)
            return nil
        }
        return s
    }

    func requete(_ request: Request, limite: Int) throws -> RequetePilotage {
        var p: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { p[String(k)] = String(v) }
        if p["limite"] == nil { p["limite"] = String(limite) }
        do {
            return try RequetePilotage(parametres: p, aujourdhui: Jour(clock.now(), timeZone: .paris))
        } catch {
            throw Problem(.malformedRequest, detail: error.message)
        }
    }

    func connexion(_ request: Request, context: GuichetRequestContext) async throws -> Response {
        var request = request
        let corps = try await Self.formulaire(Connexion.self, &request)
        let login = (corps.login ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        // Double-submit token: the form's field must equal the cookie set with the form (SameSite=Strict as well).
        guard let csrf = request.cookies[Self.cookieCSRF]?.value, !csrf.isEmpty, corps.csrf == csrf else {
            return pageConnexion(request, erreur: "Formulaire expiré : saisissez à nouveau vos identifiants.", login: login, status: .forbidden)
        }
        let adresse = request.headers[HTTPField.Name("X-Forwarded-For")!]?.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? context.remoteAddress?.ipAddress ?? "inconnue"
        let cles = ["login:" + login, "ip:" + adresse]
        if let attente = await throttle.attente(cles) {
            var r = pageConnexion(request, erreur: "Trop de tentatives : réessayez dans \(attente) seconde(s).", login: login, status: .tooManyRequests)
            r.headers[.retryAfter] = String(attente)
            return r
        }
        guard let compte = try await comptes.verifier(login: login, motDePasse: corps.motDePasse ?? "") else {
            await throttle.echec(cles)
            return pageConnexion(request, erreur: "Identifiant ou mot de passe incorrect.", login: login, status: .unauthorized)
        }
        await throttle.succes("login:" + login)
        let (jeton, _) = await sessions.ouvrir(compte)
        var r = Self.redirection("/pilotage")
        // Path=/ so the browser also sends it to /v1/indicateurs (the dashboard's JSON).
        r.setCookie(Cookie(name: Self.cookieSession, value: jeton, maxAge: Int(StaffSessions.dureeMax), path: "/", secure: Self.tls(request),
                           httpOnly: true, sameSite: .strict))
        return r
    }

    func pageConnexion(_ request: Request, erreur: String?, login: String?, status: HTTPResponse.Status) -> Response {
        let csrf = StaffSessions.jeton()
        var r = Self.html(rendu.connexion(erreur: erreur, login: login, csrf: csrf), status: status)
        r.setCookie(Cookie(name: Self.cookieCSRF, value: csrf, maxAge: 3600, path: "/pilotage", secure: Self.tls(request), httpOnly: true, sameSite: .strict))
        return r
    }

    /// Behind the reverse proxy (TLS there), cookies get `Secure`.
    static func tls(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
    }

    static func formulaire<T: Decodable>(_ type: T.Type, _ request: inout Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 8192)
        } catch {
            throw Problem(.batchTooLarge, detail: "Formulaire trop volumineux.")
        }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw Problem(.malformedRequest, detail: "Formulaire illisible.")
        }
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Nothing from elsewhere: inline styles and server-made SVG only, no script, no framing.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func redirection(_ vers: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = vers
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}
