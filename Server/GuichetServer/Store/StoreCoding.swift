import Foundation
import GuichetDomain
import GuichetProtocol

/// How stores write dates and JSON columns, identical for SQLite and PostgreSQL.
enum StoreCoding {
    static func text(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try WireCoding.encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try WireCoding.decoder.decode(T.self, from: Data(text.utf8))
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The JSON part of a pilotage fact (a demande's state or an offer's place); nil for plain events.
    static func faitDetail(_ f: FaitPilotage) throws -> String? {
        if let e = f.etat { return try json(e) }
        if let o = f.offre { return try json(o) }
        return nil
    }

    static func fait(nature: String, guichet: String?, jour: String, entite: String?, code: String?, valeur: Int?, detail: String?,
                     recuLe: Int64) throws -> FaitPilotage {
        guard let n = FaitPilotage.Nature(rawValue: nature), let j = Jour(iso: jour) else {
            throw AdminError(code: "stockageIllisible", message: "Fait de pilotage illisible (\(nature), \(jour)) : la base a été modifiée hors du serveur.")
        }
        var f = FaitPilotage(nature: n, guichet: guichet, jour: j, entite: entite.flatMap(UUID.init(uuidString:)), code: code, valeur: valeur,
                             recuLe: Date(timeIntervalSince1970: Double(recuLe) / 1000))
        if let detail {
            switch n {
            case .etat: f.etat = try decode(EtatDemandePilotage.self, detail)
            case .offre: f.offre = try decode(OffrePilotage.self, detail)
            default: break
            }
        }
        return f
    }
}
