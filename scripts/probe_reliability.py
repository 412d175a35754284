#!/usr/bin/env python3
"""The reliability probe (docs/reliability.md): zanplan run on bad inputs, damaged workspaces,
killed writers and concurrent scenario writers, every run classified.

Standard library only. Run through scripts/probe-reliability.sh; seeded, so two runs with the
same seed try the same inputs (kill moments depend on the machine's speed).
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTED_ERRORS = {2, 3, 4, 5, 6}  # docs/exit-codes.md; 1 is "internal: a bug"
COMMUNES = "80685,80176"
COMMUNE = "80685"
# Categories of a run, in the order they are printed.
CLEAN, ACCEPTED, HELD, UNCLEAR, CRASH, HANG, WRONG, CORRUPT, LOST = (
    "clean error", "exit 0, answer intact", "held (kill, concurrency)", "unclear error", "crash", "hang", "wrong answer with exit 0",
    "corruption", "events lost or duplicated")
FAILURES = (UNCLEAR, CRASH, HANG, WRONG, CORRUPT, LOST)
NUMBER_RE = re.compile(r"^(\s*[A-Za-z_][\w.]*\s*=\s*\[?\s*)(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)", re.M)
NAN_INF_RE = re.compile(r"(?<![\w.])-?(nan|inf|infinity)(?![\w])", re.I)


class Probe:
    def __init__(self, args):
        self.zanplan = str(Path(args.zanplan).resolve())
        self.rng = random.Random(args.seed)
        self.quick = args.quick
        self.timeout = args.timeout
        self.work = Path(args.work).resolve()
        self.totals = {}
        self.findings = []
        self.sections = {}
        self.section = ""
        self.as_root = os.geteuid() == 0

    # ---- running and classifying ----------------------------------------------------------
    def run(self, argv, timeout=None, env=None):
        start = time.monotonic()
        try:
            p = subprocess.run(argv, capture_output=True, timeout=timeout or self.timeout, env=env)
            return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), time.monotonic() - start
        except subprocess.TimeoutExpired as e:
            return None, (e.stdout or b"").decode("utf-8", "replace"), (e.stderr or b"").decode("utf-8", "replace"), time.monotonic() - start

    def z(self, *args, **kw):
        return self.run([self.zanplan, *map(str, args)], **kw)

    def record(self, category, what, detail=""):
        self.totals[category] = self.totals.get(category, 0) + 1
        section = self.sections.setdefault(self.section, {})
        section[category] = section.get(category, 0) + 1
        if category in FAILURES:
            self.findings.append(f"[{self.section}] {category}: {what}" + (f"\n      {detail.strip()[:400]}" if detail else ""))

    def classify(self, result, what, must_fail, names=(), exit0_check=None):
        """must_fail: the input is certainly invalid, exit 0 is a wrong answer. names: strings
        one of which a clean message must contain (the file, layer or key). exit0_check: for
        exit 0, a function returning an error text when the answer is wrong."""
        rc, out, err, _ = result
        if rc is None:
            return self.record(HANG, what, f"no answer in {self.timeout} s")
        if rc < 0 or rc > 128:
            return self.record(CRASH, what, f"signal {-rc if rc < 0 else rc - 128}\n{err[-300:]}")
        if "Sanitizer" in err or "runtime error:" in err:
            return self.record(CRASH, what, err[-400:])
        if rc == 0:
            if must_fail:
                return self.record(WRONG, what, out[-300:])
            wrong = exit0_check() if exit0_check else None
            if wrong:
                return self.record(WRONG, what, wrong)
            return self.record(ACCEPTED, what)
        if rc not in DOCUMENTED_ERRORS:
            return self.record(CRASH, what, f"exit {rc} (undocumented or internal)\n{err[-300:]}")
        message = err.strip().splitlines()[-1] if err.strip() else ""
        if "zanplan: error:" not in err or "\x1b" in err:
            return self.record(UNCLEAR, what, err[-300:] or "(no message)")
        if names and not any(n and n in err for n in names):
            return self.record(UNCLEAR, what, f"exit {rc} without naming {names[0]!r}: {message}")
        return self.record(CLEAN, what)

    # ---- the small workspace --------------------------------------------------------------
    def setup(self, density, reuse):
        self.manifest = self.work / "sources.toml"
        self.ws = self.work / "w.gpkg"
        timing = self.work / "import-seconds"
        if reuse and self.ws.exists() and timing.exists():
            self.import_secs = float(timing.read_text())
        else:
            self.build_workspace(density)
        self.references()

    def build_workspace(self, density):
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        data = ROOT / "data" / "region-32"
        text = (data / "sources.toml").read_text()
        text = re.sub(r'file = "(real/|scot-|communal-)', lambda m: f'file = "{data}/{m.group(1)}', text)
        self.manifest.write_text(text)
        secs = {}
        for argv in (["generate", "-q", "--sources", self.manifest, "--communes", COMMUNES, "--density", density, "--seed", 20261130],
                     ["import", "-q", "--sources", self.manifest, "-o", self.ws],
                     ["sites", "-q", self.ws, "--profile", "gigafactory"]):
            rc, out, err, secs[argv[0]] = self.z(*argv, timeout=1800)
            if rc != 0:
                sys.exit(f"probe setup failed: zanplan {' '.join(map(str, argv))}: exit {rc}\n{err}")
        self.import_secs = secs["import"]
        (self.work / "import-seconds").write_text(str(self.import_secs))

    def references(self):
        self.base = self.work / "base"
        if self.base.exists():
            shutil.rmtree(self.base)
        rc, _, err, self.score_secs = self.z("score", "-q", self.ws, "-o", self.base)
        if rc != 0:
            sys.exit(f"probe setup failed: score: {err}")
        csv = (self.base / "sites-gigafactory.csv").read_text().splitlines()
        self.site = csv[1].split(",")[1]
        self.baseline = {
            "explain": self.z("explain", self.ws, self.site)[1],
            "budget": self.z("budget", self.ws, "--level", "epci")[1],
            "csv": (self.base / "sites-gigafactory.csv").read_bytes(),
        }
        rc, _, _, _ = self.z("render", "-q", self.ws, "--width", 320, "--height", 240, "-o", self.work / "base.png")
        self.baseline["png"] = (self.work / "base.png").read_bytes() if rc == 0 else b""

    def scratch(self, name):
        path = self.work / "runs" / name
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    # ---- (a) bad inputs -----------------------------------------------------------------------
    def corpus(self):
        self.section = "a. tests/bad-inputs corpus"
        binary = Path(self.zanplan).parent.parent / "tests" / "bad_inputs_tests"
        if not binary.exists():
            print(f"  (skipped: {binary} is not built)")
            return
        rc, out, err, _ = self.run([str(binary)], timeout=1200)
        for line in out.splitlines():
            m = re.match(r"\[\s+(OK|FAILED)\s+\] \S+/(\S+)", line)
            if m:
                ok = m.group(1) == "OK"
                self.record(CLEAN if ok else UNCLEAR, f"case {m.group(2)}", "" if ok else "the corpus case failed: run bad_inputs_tests")

    def mutations(self, text, n):
        """(kind, bytes, must_fail) for a file's text: n truncations, n byte flips, n non-finite
        or huge numbers."""
        raw = text.encode()
        for _ in range(n):
            cut = self.rng.randrange(0, max(1, len(raw)))
            yield f"truncated at {cut}", raw[:cut], False
        for _ in range(n):
            b = bytearray(raw)
            for _ in range(self.rng.randint(1, 4)):
                b[self.rng.randrange(len(b))] = self.rng.randrange(256)
            yield "bytes flipped", bytes(b), False
        numbers = list(NUMBER_RE.finditer(text))
        for _ in range(n if numbers else 0):
            m = self.rng.choice(numbers)
            value = self.rng.choice(["nan", "inf", "-inf", "+nan", "1e308", "-1e308", "1e400", "9223372036854775808"])
            # nan and inf are never a valid number anywhere (docs/exit-codes.md); a huge number may
            # be legal for an unbounded key, but then no nan/inf may come out.
            must_fail = "nan" in value or value.endswith("inf") or value == "1e400"
            key = m.group(1).split("=")[0].strip()
            yield f"{key} = {value}", (text[:m.start(2)] + value + text[m.end(2):]).encode(), must_fail

    def file_kinds(self, folder, name, good):
        """A good file copied to names with a newline and an ESC, a directory, an unreadable file."""
        yield "a directory", folder / f"dir-{name}", "dir", True
        if not self.as_root:
            yield "unreadable", folder / f"unreadable-{name}", "unreadable", True
        yield "name with newline (valid content)", folder / f"new\nline-{name}", good, False
        yield "name with ESC (truncated content)", folder / f"esc\x1b[31m-{name}", good[: len(good) // 3], None

    def bad_files(self, label, source, command, base_names, folder_name, n=None):
        """Runs `command(path)` on mutated copies of `source` (bytes) placed at folder/NAME."""
        self.section = f"a. {label}"
        folder = self.scratch(folder_name)
        good = source.read_bytes()
        cases = [(kind, folder / f"m{i}-{source.name}", data, must) for i, (kind, data, must) in
                 enumerate(self.mutations(good.decode("utf-8", "replace"), n or (3 if self.quick else 12)))]
        cases += list(self.file_kinds(folder, source.name, good))
        for kind, path, data, must_fail in cases:
            if data == "dir":
                path.mkdir(exist_ok=True)
            else:
                path.write_bytes(good if data == "unreadable" else data)
                if data == "unreadable":
                    path.chmod(0)
            out_dir = self.scratch("out")
            result = command(path, out_dir)
            escaped = path.name.replace("\n", "\\n").replace("\x1b", "\\x1b")
            check = (lambda od=out_dir, r=result: self.non_finite_output(r, od))
            self.classify(result, f"{source.name}: {kind}", bool(must_fail), names=[escaped] + base_names, exit0_check=check)

    def non_finite_output(self, result, out_dir):
        texts = [result[1]] + [p.read_text(errors="replace") for p in Path(out_dir).glob("*.csv")]
        for t in texts:
            m = NAN_INF_RE.search(t)
            if m:
                return f"printed {m.group(0)!r}: {t[max(0, m.start() - 80):m.end() + 40]!r}"
        return None

    def bad_inputs(self):
        if not self.quick:  # the corpus is a ctest of its own (cli.bad_inputs)
            self.corpus()
        for profile in sorted((ROOT / "data" / "profiles").glob("*.toml")):
            self.bad_files(f"profile {profile.name}", profile,
                           lambda p, od: self.z("score", "-q", self.ws, "--profile", p, "-o", od), [], "profiles")
        for regime in sorted((ROOT / "data" / "regimes").glob("*.toml")):
            self.bad_files(f"regime {regime.name}", regime,
                           lambda p, od: self.z("budget", self.ws, "--regime", p, "--level", "region"), [], "regimes")

        def pene(path, out_dir):
            data = out_dir / "data"
            shutil.copytree(ROOT / "data" / "regimes", data / "regimes")
            (data / "region-32").mkdir()
            target = data / "region-32" / "pene-annex-1.csv"
            if path.is_dir():
                target.mkdir()
            else:
                shutil.copyfile(path, target)
            ws = out_dir / "w.gpkg"
            shutil.copyfile(self.ws, ws)
            self.z("scenario", ws, "--data-dir", data, "create", "s")
            return self.z("scenario", ws, "--data-dir", data, "add-project", "s", "--id", "p", "--commune", COMMUNE,
                          "--enaf-ha", 1, "--year", 2025, "--pene", "csne")
        self.bad_files("PENE annex CSV", ROOT / "data" / "region-32" / "pene-annex-1.csv", pene, ["pene-annex-1.csv"], "pene")

        # The manifest and the Cerema CSV are read by import, which runs whole when a mutation
        # is harmless: fewer of them.
        manifest_copy = self.work / "sources-probe.toml"
        manifest_copy.write_text(self.manifest.read_text().replace('file = "synthetic/', f'file = "{self.work}/synthetic/'))

        def import_with(path, out_dir, entry=None):
            manifest = path
            if entry:  # the manifest names the mutated file, its other entries unchanged
                manifest = out_dir / "sources.toml"
                manifest.write_text(re.sub(rf'(\[{entry}\]\nfile = )"[^"]*"', lambda m: m.group(1) + toml_string(str(path)),
                                           manifest_copy.read_text()))
            return self.z("import", "-q", "--sources", manifest, "-o", out_dir / "i.gpkg", timeout=max(self.timeout, 900))
        few = 1 if self.quick else 4
        self.bad_files("sources manifest", manifest_copy, import_with, [], "manifest", few)
        cerema = self.work / "synthetic" / "conso-2009-2023-resultats-com.csv"
        self.bad_files("Cerema CSV", cerema, lambda p, od: import_with(p, od, "enaf_consumption"), [], "cerema", few)

    # ---- (b) damaged workspaces ---------------------------------------------------------------
    def damaged_workspaces(self):
        self.section = "b. damaged workspace copies"
        n = 4 if self.quick else 40
        size = self.ws.stat().st_size
        folder = self.scratch("damaged")
        copy = folder / "damaged.gpkg"
        for i in range(n):
            shutil.copyfile(self.ws, copy)
            spots = []
            with open(copy, "r+b") as f:
                for _ in range(self.rng.randint(1, 4)):
                    offset = self.rng.randrange(0, size)
                    length = self.rng.choice([16, 512, 4096, 65536])
                    f.seek(offset)
                    f.write(self.rng.randbytes(length))
                    spots.append(f"{length}B@{offset}")
            damaged = not quick_check_ok(copy)
            what = f"copy {i} ({'damaged' if damaged else 'still passes quick_check'}: {', '.join(spots)})"
            self.classify(self.z("info", copy), f"info {what}", damaged, names=["damaged.gpkg"])
            out = self.scratch("damaged-out")
            self.classify(self.z("score", "-q", copy, "-o", out), f"score {what}", False, names=["damaged.gpkg"],
                          exit0_check=lambda: differs((out / "sites-gigafactory.csv"), self.baseline["csv"], "exports"))
            r = self.z("explain", copy, self.site)
            self.classify(r, f"explain {what}", False, names=["damaged.gpkg"],
                          exit0_check=lambda: None if r[1] == self.baseline["explain"] else "the explanation differs from the intact workspace's")
            r2 = self.z("budget", copy, "--level", "epci")
            self.classify(r2, f"budget {what}", False, names=["damaged.gpkg"],
                          exit0_check=lambda: None if r2[1] == self.baseline["budget"] else "the ledger differs from the intact workspace's")
            png = out / "map.png"
            self.classify(self.z("render", "-q", copy, "--width", 320, "--height", 240, "-o", png), f"render {what}", False,
                          names=["damaged.gpkg"], exit0_check=lambda: differs(png, self.baseline["png"], "map"))

    # ---- (c) killed writers ---------------------------------------------------------------------
    def kill_at_random(self, argv, max_secs):
        p = subprocess.Popen([self.zanplan, *map(str, argv)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = self.rng.uniform(0, max_secs)
        try:
            p.wait(timeout=delay)
            return "finished"
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            return f"killed after {delay:.2f} s"

    def killed_writers(self):
        self.section = "c. kill -9 of writers"
        folder = self.scratch("kills")
        # import over an existing workspace: the target stays the old file or becomes the new one.
        target = folder / "target.gpkg"
        shutil.copyfile(self.ws, target)
        old = sha(target)
        for _ in range(1 if self.quick else 6):
            how = self.kill_at_random(["import", "-q", "--sources", self.manifest, "-o", target], self.import_secs * 1.1)
            self.check_workspace(target, f"import {how}", lambda t=target, o=old: sha(t) == o)
        leftovers_before = sorted(p.name for p in folder.glob("target.gpkg.tmp-*"))
        rc, _, err, _ = self.z("import", "-q", "--sources", self.manifest, "-o", target, timeout=1800)
        leftovers = sorted(p.name for p in folder.glob("target.gpkg.tmp-*"))
        self.record(HELD if rc == 0 and not leftovers else CORRUPT,
                    f"import after kills: {len(leftovers_before)} temporaries before, {len(leftovers)} left", err)

        # score -o DIR: every file is the complete old or the complete new one.
        new_dir = folder / "new"
        self.z("score", "-q", self.ws, "--weight", "power_distance_km=0.9", "-o", new_dir)
        new = {p.name: p for p in new_dir.iterdir()}
        out = folder / "out"
        for _ in range(3 if self.quick else 15):
            if out.exists():
                shutil.rmtree(out)
            shutil.copytree(self.base, out)
            how = self.kill_at_random(["score", "-q", self.ws, "--weight", "power_distance_km=0.9", "-o", out], self.score_secs * 1.2)
            bad = []
            for name, reference in new.items():
                got = out / name
                old_file = self.base / name
                if not (same_output(got, old_file) or same_output(got, reference)):
                    bad.append(name)
            self.record(CORRUPT if bad else HELD, f"score -o DIR {how}: " + (f"{', '.join(bad)} neither old nor new" if bad else "old or new files"))
        rc, _, _, _ = self.z("score", "-q", self.ws, "-o", out)
        left = [p.name for p in out.iterdir() if ".tmp-" in p.name]
        self.record(CORRUPT if left or rc != 0 else HELD, f"score after kills: temporaries left {left}")

        # scenario writers: the workspace stays readable, each event is there whole or not at all.
        ws = folder / "ledger.gpkg"
        shutil.copyfile(self.ws, ws)
        self.z("scenario", ws, "create", "k")
        for i in range(3 if self.quick else 15):
            how = self.kill_at_random(["scenario", ws, "add-project", "k", "--id", f"p{i}", "--commune", COMMUNE,
                                       "--enaf-ha", "0.5", "--year", 2026], 1.5)
            self.check_workspace(ws, f"scenario add-project {how}", None)

    def check_workspace(self, path, what, is_old):
        rc, _, err, _ = self.z("info", path)
        if rc != 0:
            return self.record(CORRUPT, f"{what}: info exits {rc}", err)
        if not quick_check_ok(path):
            return self.record(CORRUPT, f"{what}: quick_check fails after info")
        self.record(HELD, f"{what}: {'old' if is_old and is_old() else 'readable'} workspace")

    # ---- (d) concurrent scenario writers --------------------------------------------------------
    def concurrent_writers(self):
        self.section = "d. 4 concurrent scenario writers"
        folder = self.scratch("concurrent")
        ws = folder / "c.gpkg"
        shutil.copyfile(self.ws, ws)
        self.z("scenario", ws, "create", "c")
        per_writer = 5 if self.quick else 25
        script = ("for i in $(seq 1 {n}); do \"$0\" scenario \"$1\" add-project c --id w{w}-$i --commune " + COMMUNE +
                  " --enaf-ha 0.01 --year 2027 >/dev/null 2>>\"$2\" && echo w{w}-$i; done")
        procs = [subprocess.Popen(["sh", "-c", script.format(n=per_writer, w=w), self.zanplan, str(ws), str(folder / f"err{w}")],
                                  stdout=subprocess.PIPE, text=True) for w in range(4)]
        acknowledged = []
        for p in procs:
            acknowledged += p.communicate()[0].split()
        with sqlite3.connect(f"file:{ws}?mode=ro", uri=True) as db:
            payloads = [row[0] for row in db.execute(
                "SELECT payload FROM zanplan_scenario_events WHERE scenario = 'c' AND kind = 'project'")]
        ids = [m.group(1) for p in payloads for m in [re.search(r'"id"\s*:\s*"([^"]+)"', p)] if m]
        lost = [i for i in acknowledged if i not in ids]
        duplicated = len(ids) - len(set(ids))
        for i in acknowledged:
            self.record(LOST if i in lost else HELD, f"event {i} acknowledged" + (": not in the log" if i in lost else ""))
        if duplicated:
            self.record(LOST, f"{duplicated} events duplicated")
        refused = 4 * per_writer - len(acknowledged)
        print(f"  {len(acknowledged)} of {4 * per_writer} events acknowledged ({refused} refused with an error), "
              f"{len(ids)} in the log, {len(lost)} lost, {duplicated} duplicated")

    def report(self):
        order = [CLEAN, ACCEPTED, HELD, UNCLEAR, CRASH, HANG, WRONG, CORRUPT, LOST]
        print("\nBy section:")
        for section, counts in self.sections.items():
            print(f"  {section}: " + ", ".join(f"{counts[c]} {c}" for c in order if c in counts))
        print("\nFindings:" if self.findings else "\nFindings: none")
        for f in self.findings:
            print("  " + f)
        print("\nTotals:")
        for c in order:
            print(f"  {c:<28} {self.totals.get(c, 0)}")
        print(f"  {'runs':<28} {sum(self.totals.values())}")
        return 1 if any(self.totals.get(c, 0) for c in FAILURES) else 0


def toml_string(text):
    """A TOML basic string: control characters as \\uXXXX escapes."""
    escaped = "".join(c if c >= " " and c not in '"\\' else (f"\\{c}" if c in '"\\' else f"\\u{ord(c):04x}") for c in text)
    return f'"{escaped}"'


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).exists() else None


def quick_check_ok(path):
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def table_dump(path):
    """Every row of every table of a GeoPackage, without GDAL's timestamps: equal dumps are the
    same export."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'rtree%' ORDER BY name")]
        dump = []
        for t in tables:
            if t in ("gpkg_contents", "gpkg_metadata_reference", "gpkg_ogr_contents"):
                continue
            dump.append((t, sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))))
        return dump


def same_output(got, reference):
    if not got.exists() or not reference.exists():
        return False
    if got.suffix == ".gpkg":
        try:
            return quick_check_ok(got) and table_dump(got) == table_dump(reference)
        except sqlite3.DatabaseError:
            return False
    return got.read_bytes() == reference.read_bytes()


def differs(path, reference, what):
    if not Path(path).exists():
        return f"exit 0 but no {what} written"
    return None if Path(path).read_bytes() == reference else f"the {what} differs from the intact workspace's"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zanplan", default=str(ROOT / "build-dev" / "src" / "zanplan"))
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--density", default=None, help="synthetic parcel density (default 0.3, --quick 0.05)")
    parser.add_argument("--work", default=str(ROOT / "build-probe"))
    parser.add_argument("--timeout", type=int, default=300, help="seconds before a run counts as a hang")
    parser.add_argument("--quick", action="store_true", help="a few runs of each kind (a smoke check)")
    parser.add_argument("--only", default="abcd", help="sections to run, e.g. 'bd'")
    parser.add_argument("--reuse", action="store_true", help="keep the work folder's workspace from an earlier run")
    args = parser.parse_args()
    probe = Probe(args)
    print(f"zanplan: {probe.zanplan}; seed {args.seed}; work folder {probe.work}")
    probe.setup(args.density or ("0.05" if args.quick else "0.3"), args.reuse)
    print(f"workspace: {probe.ws.stat().st_size} bytes, import {probe.import_secs:.1f} s, score {probe.score_secs:.1f} s")
    for letter, step in (("a", probe.bad_inputs), ("b", probe.damaged_workspaces), ("c", probe.killed_writers),
                         ("d", probe.concurrent_writers)):
        if letter in args.only:
            step()
    sys.exit(probe.report())


if __name__ == "__main__":
    main()
