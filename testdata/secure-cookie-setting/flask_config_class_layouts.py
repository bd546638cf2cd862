class Config(
    object): SECRET_KEY = "x"


class Other: \
    SECRET_KEY = "y"


class Outer:
    SECRET_KEY = "a"

    class InnerConfig:
        SECRET_KEY = "b"


class BaseConfig:
    SECRET_KEY = "a"

    class NestedConfig:
        SECRET_KEY = "b"
