import AsyncHTTPClient
import GRDB
public enum ClientPlaceholder {}
