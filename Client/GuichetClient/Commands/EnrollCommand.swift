import ArgumentParser
import Foundation
import GuichetDomain
import GuichetProtocol

struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enroll", abstract: "Enrôle ce poste auprès du serveur de la métropole.")
    @OptionGroup var options: ClientOptions
    @Option(help: "Adresse du serveur, par ex. https://guichet.lametro.fr") var server: String
    @Option(help: "Code d'enrôlement à usage unique remis par la métropole.") var code: String
    @Option(help: "Nom de ce poste.") var name: String = ProcessInfo.processInfo.hostName

    func run() async throws {
        try await options.run {
            let device = try await options.client().enroll(serverURL: server, code: code, deviceName: name)
            try options.emit(device.guichet) {
                "Poste enrôlé pour le guichet \(device.guichet.code) « \(device.guichet.nom) » (niveau \(device.guichet.niveau.rawValue))."
            }
        }
    }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Synchronise avec le serveur (envoi, pièces, réception).")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await options.run {
            let replica = try Replica(directory: options.directory)
            var engine = try await SyncEngine.forDevice(replica: replica)
            let quiet = options.json
            engine.progress = { p in
                guard !quiet else { return }
                FileHandle.standardError.write(Data("\r\(p.phase) : \(p.pushed) envoyées, \(p.bytesUploaded / 1024) Ko de pièces, \(p.pulled) reçues   ".utf8))
            }
            let report = try await engine.sync()
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            try options.emit(report) {
                var lines = ["Synchronisation terminée : \(report.applied) modification(s) acceptée(s), \(report.rejected) refusée(s), "
                    + "\(report.piecesUploaded) pièce(s) envoyée(s), \(report.pulled) changement(s) reçu(s)."]
                if report.pendingCommands > 0 { lines.append("\(report.pendingCommands) modification(s) encore en attente.") }
                if let stuck = report.stuck { lines.append("Attention : \(stuck)") }
                if report.rejected > 0 { lines.append("Voir « guichet conflicts » pour les modifications refusées et leur motif.") }
                return lines.joined(separator: "\n")
            }
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "État du poste : attentes, pièces à envoyer, refus, dernière synchronisation.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await options.run {
            let s = try await options.client().status()
            try options.emit(s) {
                """
                Guichet \(s.guichet.code) « \(s.guichet.nom) » (niveau \(s.guichet.niveau.rawValue)), serveur \(s.server)
                Modifications en attente : \(s.pendingCommands)
                Pièces à envoyer : \(s.piecesWaitingUpload)
                Modifications refusées : \(s.rejectedChanges)
                Conflits signalés : \(s.conflicts)
                Dernière synchronisation réussie : \(s.lastSyncAt.map { "le \(Jour($0, timeZone: .paris).affichage) à \($0.formatted(.dateTime.hour().minute().locale(Locale(identifier: "fr_FR"))))" } ?? "jamais")
                """ + (s.lastSyncError.map { "\nDernière erreur : \($0)" } ?? "")
            }
        }
    }
}

struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conflicts", abstract: "Modifications refusées par le serveur et conflits signalés.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await options.run {
            let client = try options.client()
            let rejected = try await client.rejectedChanges()
            let conflicts = try await client.conflicts()
            struct Out: Encodable { var rejected: [RejectedChange]; var conflicts: [GuichetProtocolConflict] }
            try options.emit(Out(rejected: rejected, conflicts: conflicts)) {
                var lines: [String] = []
                for r in rejected {
                    lines.append("Refusée : commande \(r.number) (\(r.type)) — \(r.message)")
                    lines += r.problemes.map { "    \($0.chemin) : \($0.message)" }
                }
                for c in conflicts {
                    lines.append("Conflit sur \(c.path) (demande \(c.demandeId.uuidString.lowercased())) : valeur conservée \(c.serverValue) "
                        + "(guichet \(c.keptFrom?.guichet ?? "?")), valeur proposée \(c.proposedValue) (guichet \(c.proposedBy.guichet)).")
                }
                return lines.isEmpty ? "Aucun refus ni conflit." : lines.joined(separator: "\n")
            }
        }
    }
}

typealias GuichetProtocolConflict = ConflictNotice
