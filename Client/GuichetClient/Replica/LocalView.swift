import Foundation
import GuichetDomain
import GuichetProtocol

/// What the agent sees of a demande: the server's state with the device's pending commands replayed on top.
/// Re-derived after every applied page, so acknowledged commands drop out and the rest stay visible.
enum LocalView {
    static func derive(server: Demande?, pending: [Command], today: Jour) -> Demande? {
        var d = server
        for command in pending {
            switch command.payload {
            case .registerDemande(let r):
                guard d == nil else { continue }
                var x = r.demande.normalisee()
                x.statut = .deposee
                x.dates = DatesDemande(depot: r.depot)
                d = x
            case .updateDemande(let u):
                guard let current = d, var json = try? JSONValue(encoding: current) else { continue }
                for change in u.changes { try? json.set(change.new, at: change.path) }
                if let updated = try? json.decode(Demande.self) { d = updated.normalisee() }
            case .renewDemande(let r):
                guard let current = d else { continue }
                let t: TransitionDemande = current.statut == .radiee ? .reactiver(le: r.le) : .renouveler(le: r.le)
                if let next = try? CycleDeVie.appliquer(t, a: current, aujourdhui: today.ajoutant(jours: 1)) { d = next }
            case .radierDemande(let r):
                guard let current = d else { continue }
                if let next = try? CycleDeVie.appliquer(.radier(r.radiation), a: current, aujourdhui: today.ajoutant(jours: 1)) { d = next }
            case .attachPiece, .recordAccueil:
                continue
            }
        }
        return d
    }

    /// Field changes from `old` to `new`: leaves of objects, arrays as whole values (set-like fields merge on the server).
    static func diff(_ old: JSONValue, _ new: JSONValue, path: String = "") -> [FieldChange] {
        if case .object(let a) = old, case .object(let b) = new {
            return Set(a.keys).union(b.keys).sorted().flatMap { key in
                diff(a[key] ?? .null, b[key] ?? .null, path: path.isEmpty ? key : "\(path).\(key)")
            }
        }
        return old == new ? [] : [FieldChange(path: path, old: old, new: new)]
    }
}

/// A refusal on the device, with the French message the agent sees (and the CLI prints before exiting non-zero).
public struct ClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable { case validation, niveauInsuffisant, introuvable, transition, fichier, nonEnrole, protocole, reseau }
    public let code: Code
    public let message: String
    public var problemes: [ProblemeValidation] = []

    public var description: String {
        problemes.isEmpty ? message : message + "\n" + problemes.map { "  - \($0.chemin) : \($0.message)" }.joined(separator: "\n")
    }
}
