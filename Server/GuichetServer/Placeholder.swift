import Hummingbird
import GRDB
import ArgumentParser
import Prometheus
import Crypto
import ServiceLifecycle
public enum ServerPlaceholder {}
