import Foundation
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
}
