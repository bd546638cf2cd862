//! Runs every configuration the idiom fixtures fix (`testdata/secure-cookie-setting/
//! idiom/`), not just parses it: each fixed module is imported by Python in a fresh
//! process, once with the variable its finding names unset (the setting must then be
//! true: the bool `True` in a Django settings module, which Django's deployment checks
//! test with `is True`) and once set to the value the finding tells an operator to set
//! (the setting must then be false). The readers the modules import (django-environ's
//! `environ`, python-decouple's `decouple`, `flask`) are stand-ins written here, each
//! following its package's own parse of a variable and return of a default.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use cookie_fix::{fix, Settings};

/// django-environ 0.14, environ/environ.py: `Env.BOOLEAN_TRUE_STRINGS`, `parse_value`
/// for `bool`, `get_value` taking the cast and default of a schema entry `Env(VAR=(cast,
/// default))` and returning a default unparsed (`value != default`).
const ENVIRON: &str = r#"
import os

NOTSET = object()
TRUE = ("true", "on", "ok", "y", "yes", "1")


class Env:
    def __init__(self, **scheme):
        self.scheme = scheme

    def __call__(self, var, cast=None, default=NOTSET):
        if var in self.scheme:
            cast, default = self.scheme[var]
        if var not in os.environ:
            if default is NOTSET:
                raise KeyError(var)
            return default
        value = os.environ[var]
        return value.lower() in TRUE if cast is bool else value

    def bool(self, var, default=NOTSET):
        return self(var, cast=bool, default=default)
"#;

/// python-decouple 3.8, decouple.py: `Config.get` casts the default too;
/// `_cast_boolean` accepts its `_BOOLEANS` and raises on anything else.
const DECOUPLE: &str = r#"
import os

BOOLEANS = {"1": True, "yes": True, "true": True, "on": True,
            "0": False, "no": False, "false": False, "off": False, "": False}


UNDEFINED = object()


def config(option, default=UNDEFINED, cast=lambda v: v):
    value = os.environ.get(option, default)
    if value is UNDEFINED:
        raise KeyError(option)
    if cast is bool:
        if isinstance(value, bool):
            return value
        return BOOLEANS[str(value).lower()]
    return cast(value)
"#;

const FLASK: &str = r#"
session = {}


class Config(dict):
    def from_object(self, obj):
        for key in dir(obj):
            if key.isupper():
                self[key] = getattr(obj, key)


class Flask:
    def __init__(self, name):
        self.config = Config()
"#;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/secure-cookie-setting/idiom");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable fixture folder").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    cases.sort();
    cases
}

/// What one finding of a fixture wrote: its setting, its variable and the value that
/// turns it off, read from the message's own words.
struct Written {
    setting: String,
    variable: String,
    opt_out: String,
}

fn written(input: &[u8]) -> Vec<Written> {
    let report = fix(input, &Settings::default()).expect("a fixture the engine reads");
    report
        .findings
        .iter()
        .filter_map(|finding| {
            let (_, said) = finding.message.split_once("; set ")?;
            let assignment = said.strip_suffix(" to serve plain HTTP")?;
            let (variable, opt_out) = assignment.split_once('=')?;
            Some(Written {
                setting: finding.subject.to_owned(),
                variable: variable.to_owned(),
                opt_out: opt_out.to_owned(),
            })
        })
        .collect()
}

/// Imports `module` from `dir` with `variable` unset or set, and prints the setting's
/// `repr`, taken from the module or the class that holds it, else from the config of
/// the module's app or of the one its `create_app()` makes.
const PROBE: &str = r#"
import importlib, os, sys
dir, module, setting, variable = sys.argv[1:5]
value = sys.argv[5] if len(sys.argv) > 5 else None
os.environ.pop(variable, None)
os.environ.setdefault("SECRET_KEY", "k")
if value is not None:
    os.environ[variable] = value
sys.path[:0] = [dir, os.path.join(dir, "stubs")]
loaded = importlib.import_module(module)
holders = [loaded] + [c for c in vars(loaded).values() if isinstance(c, type)]
configs = [v.config for v in vars(loaded).values() if isinstance(getattr(v, "config", None), dict)]
if callable(getattr(loaded, "create_app", None)):
    configs.append(loaded.create_app().config)
found = [getattr(h, setting) for h in holders if setting in vars(h)]
found += [config[setting] for config in configs if setting in config]
print(repr(found[0]))
"#;

fn probe(dir: &Path, module: &str, written: &Written, value: Option<&str>) -> String {
    let mut command = Command::new(std::env::var("PYTHON").as_deref().unwrap_or("python3"));
    command
        .arg("-c")
        .arg(PROBE)
        .arg(dir)
        .arg(module)
        .arg(&written.setting)
        .arg(&written.variable)
        .env("PYTHONDONTWRITEBYTECODE", "1");
    if let Some(value) = value {
        command.arg(value);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (this test needs it on PATH): {e}"));
    assert!(
        output.status.success(),
        "{module} with {}={value:?}: {}",
        written.variable,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn every_fixed_configuration_is_true_unset_and_false_opted_out() {
    let dir = std::env::temp_dir().join(format!("cookie-fix-idiom-run-{}", std::process::id()));
    let stubs = dir.join("stubs");
    fs::create_dir_all(&stubs).expect("a temporary folder");
    for (name, text) in [
        ("environ.py", ENVIRON),
        ("decouple.py", DECOUPLE),
        ("flask.py", FLASK),
    ] {
        fs::write(stubs.join(name), text).expect("a stub written");
    }
    let mut runs = 0;
    for (index, case) in fixtures().into_iter().enumerate() {
        let input = fs::read(&case).expect("readable fixture");
        let expected = case.with_extension("py.expected");
        let fixed = fs::read(&expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let module = format!("fixed_{index}");
        fs::write(dir.join(format!("{module}.py")), &fixed).expect("a module written");
        let django = String::from_utf8_lossy(&input).contains("INSTALLED_APPS");
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        for written in written(&input) {
            let unset = probe(&dir, &module, &written, None);
            match django {
                true => assert_eq!(unset, "True", "{name}: {} unset", written.variable),
                false => assert!(
                    !["False", "None", "0", "''"].contains(&unset.as_str()),
                    "{name}: {} unset gives {unset}",
                    written.variable
                ),
            }
            let opted_out = probe(&dir, &module, &written, Some(&written.opt_out));
            assert!(
                ["False", "0", "''", "None"].contains(&opted_out.as_str()),
                "{name}: {}={} gives {opted_out}",
                written.variable,
                written.opt_out
            );
            runs += 1;
        }
    }
    let _ = fs::remove_dir_all(&dir);
    // Every fixture that follows an idiom writes at least one setting in it.
    assert!(runs >= 26, "only {runs} settings written in an idiom");
}
