"""Applying: the checked plan written in ONE transaction with bulk operations (all-or-nothing)."""
from __future__ import annotations

import datetime
import io
from collections.abc import Callable

from django.db import connection, transaction
from django.utils.translation import gettext as _

from inti.jejak import jejak_catat
from inti.models import AksiAudit

from ..models import (
    JENJANG_KATEGORI,
    Instansi,
    Jabatan,
    Kedudukan,
    Kompetensi,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)
from .format import BATCH, _CHUNK_IN, _KOLOM_PEGAWAI, ImporGagal, Rencana
from .rencana import impor_periksa

# --------------------------------------------------------------------------- public: apply


def impor_terapkan(*, instansi: Instansi, actor=None, berkas=None, nama_berkas: str = "",
                   baris: list | None = None, tanggal: datetime.date | None = None,
                   progres: Callable[[int], None] | None = None, batch_size: int = BATCH) -> Rencana:
    """Validate and apply in one transaction. Raises ``ImporGagal`` (carrying the plan with every
    error) when any row is wrong; then nothing is written. Returns the applied plan.

    ``progres`` is called with a percentage 0–100 (validation up to 60, then each apply phase)."""
    progres = progres or (lambda n: None)
    with transaction.atomic():
        # Lock the instansi row: two imports into one instansi run one after the other.
        Instansi.objects.select_for_update().filter(pk=instansi.pk).first()
        rencana = impor_periksa(instansi=instansi, actor=actor, berkas=berkas, nama_berkas=nama_berkas, baris=baris,
                                tanggal=tanggal, progres=progres)
        if not rencana.sah:
            raise ImporGagal(rencana)
        _terapkan(rencana, progres=progres, batch_size=batch_size)
        # audited with the uploader, in the apply's transaction (the import changes who may decide)
        ringkas = "; ".join("%s: %s" % (entitas, ", ".join("%s %s" % (aksi, n) for aksi, n in hitungan.items()))
                            for entitas, hitungan in rencana.ringkasan.items())
        jejak_catat(actor=actor, objek=instansi, aksi=AksiAudit.IMPOR_BAGAN_TERAPKAN, diizinkan=True,
                    alasan=_("%(n)d baris dari %(f)s; %(r)s") % {
                        "n": rencana.total_baris, "f": nama_berkas or "-", "r": ringkas})
        return rencana


def _pg_copy() -> bool:
    """PostgreSQL through psycopg2: new rows go in with COPY (ids drawn from the sequences first)."""
    return connection.vendor == "postgresql" and hasattr(connection.connection.cursor(), "copy_expert")


def _beri_id(model, objs: list) -> None:
    """PostgreSQL: draw primary keys from the table's sequence so that rows can reference each
    other (unit parents) before they are inserted; FKs are DEFERRABLE INITIALLY DEFERRED."""
    if not objs or not _pg_copy():
        return
    with connection.cursor() as cur:
        cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [model._meta.db_table, len(objs)])
        for o, (pk,) in zip(objs, cur.fetchall()):
            o.pk = pk


def _teks_copy(v) -> str:
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    v = str(v)
    if "\\" in v or "\t" in v or "\n" in v or "\r" in v:
        v = v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return v


def _sisipkan(model, objs: list, *, batch_size: int, now, kunci: str = "kode") -> None:
    """Insert new rows: COPY on PostgreSQL (the bulk of a 20,000-row import), bulk_create elsewhere.
    Without preset ids the identity column fills them; they are read back by ``kunci`` (one query)."""
    if not objs:
        return
    if not _pg_copy():
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    fields = model._meta.concrete_fields
    dengan_id = objs[0].pk is not None
    if not dengan_id:
        fields = [f for f in fields if not f.primary_key]
    attn = [f.attname for f in fields]
    waktu = [a for a in ("created_at", "updated_at") if a in attn]
    buf = io.StringIO()
    for o in objs:
        for a in waktu:
            setattr(o, a, now)
        d = o.__dict__
        buf.write("\t".join([_teks_copy(d[a]) for a in attn]))
        buf.write("\n")
    buf.seek(0)
    kolom = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.connection.cursor() as cur:
        cur.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolom}) FROM STDIN", buf)
    if not dengan_id:
        ids = dict(model.objects.filter(instansi_id=objs[0].instansi_id).values_list(kunci, "pk"))
        for o in objs:
            o.pk = ids[getattr(o, kunci)]


def _sisipkan_dict(model, baris: list[dict], *, batch_size: int, now, kunci: str, instansi) -> dict:
    """Insert new rows given as dicts of attnames (unset fields take the model defaults); return
    {key: id}. COPY on PostgreSQL (no model instances), bulk_create elsewhere."""
    if not baris:
        return {}
    if not _pg_copy():
        objs = [model(**d) for d in baris]
        model.objects.bulk_create(objs, batch_size=batch_size)
        return {getattr(o, kunci): o.pk for o in objs}
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in ("created_at", "updated_at")]
    bawaan = {f.attname: f.get_default() for f in fields}
    attn = [f.attname for f in fields]
    _sisipkan_nilai(model, attn, [tuple([d[a] if a in d else bawaan[a] for a in attn]) for d in baris],
                    batch_size=batch_size, now=now)
    kunci_baru = {d[kunci] for d in baris}
    return {k: pk for k, pk in model.objects.filter(instansi=instansi).values_list(kunci, "pk") if k in kunci_baru}


def _analyze(*models) -> None:
    """PostgreSQL: refresh planner statistics after a bulk load (as its docs advise after COPY)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for m in models:
                cur.execute(f"ANALYZE {connection.ops.quote_name(m._meta.db_table)}")


def _sisipkan_nilai(model, attnames: list[str], nilai: list[tuple], *, batch_size: int, now) -> None:
    """Insert rows given as tuples (no model instances on PostgreSQL: the large link tables)."""
    if not nilai:
        return
    if not _pg_copy():
        model.objects.bulk_create([model(**dict(zip(attnames, t))) for t in nilai], batch_size=batch_size)
        return
    waktu = [a for a in ("created_at", "updated_at") if any(f.attname == a for f in model._meta.concrete_fields)]
    ekor = "".join("\t" + now.isoformat() for _a in waktu)
    buf = io.StringIO()
    for t in nilai:  # ids come from the identity column
        buf.write("\t".join([_teks_copy(v) for v in t]) + ekor + "\n")
    buf.seek(0)
    kolom = ", ".join(connection.ops.quote_name(model._meta.get_field(a).column) for a in [*attnames, *waktu])
    with connection.connection.cursor() as cur:
        cur.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolom}) FROM STDIN", buf)


def _terapkan(rencana: Rencana, *, progres: Callable[[int], None], batch_size: int) -> None:
    p, r = rencana._rinci
    instansi = rencana.instansi
    now = r["now"]
    # ---- Perangkat Daerah
    pd = dict(p.db_pd)
    baru = [PerangkatDaerah(instansi=instansi, kode=k, nama=v["nama"], jenis=v["jenis"]) for k, v, _i in r["pd_baru"]]
    _sisipkan(PerangkatDaerah, baru, batch_size=batch_size, now=now)
    pd.update({o.kode: o for o in baru})
    ubah = []
    for kode, berubah in r["pd_ubah"]:
        o = pd[kode]
        for k in ("nama", "jenis"):
            if k in berubah:
                setattr(o, k, berubah[k])
        ubah.append(o)
    induk = [(k, i) for k, _v, i in r["pd_baru"] if i] + [(k, b["induk"]) for k, b in r["pd_ubah"] if "induk" in b]
    for kode, ind in induk:
        pd[kode].induk_id = pd[ind].pk if ind else None
        if pd[kode] not in ubah:
            ubah.append(pd[kode])
    for o in ubah:
        o.updated_at = now
    PerangkatDaerah.objects.bulk_update(ubah, ["nama", "jenis", "induk", "updated_at"], batch_size=batch_size)
    progres(65)
    # ---- units: create without parent, then set parents
    unit = dict(p.db_unit)
    baru = [UnitOrganisasi(instansi=instansi, perangkat_daerah=pd[v["pd"]], kode=k, nama=v["nama"], jenis=v["jenis"])
            for k, v in r["unit_baru"]]
    _beri_id(UnitOrganisasi, baru)  # PostgreSQL: ids now, so parents can be set before the insert
    unit.update({o.kode: o for o in baru})
    ubah = {}
    if baru and baru[0].pk is not None:
        for kode, v in r["unit_baru"]:
            unit[kode].parent_id = unit[v["induk"]].pk if v["induk"] else None
        _sisipkan(UnitOrganisasi, baru, batch_size=batch_size, now=now)
    else:
        UnitOrganisasi.objects.bulk_create(baru, batch_size=batch_size)
        for kode, v in r["unit_baru"]:
            if v["induk"]:
                unit[kode].parent_id = unit[v["induk"]].pk
                ubah[kode] = unit[kode]
    for kode, berubah in r["unit_ubah"]:
        o = unit[kode]
        for k in ("nama", "jenis"):
            if k in berubah:
                setattr(o, k, berubah[k])
        if "induk" in berubah:
            o.parent_id = unit[berubah["induk"]].pk if berubah["induk"] else None
        ubah[kode] = o
    for o in ubah.values():
        o.updated_at = now
    UnitOrganisasi.objects.bulk_update(list(ubah.values()), ["nama", "jenis", "parent", "updated_at"],
                                       batch_size=batch_size)
    progres(70)
    # ---- positions: first drop head flags (one-head-per-unit constraint), then create, then update
    jab = dict(p.db_jabatan)
    kolom_jab = ["unit", "nama", "jenis", "kepala_unit", "nama_jf", "kategori_jf", "jenjang", "updated_at"]

    def isi(o: Jabatan, v: dict) -> Jabatan:
        o.unit_id = unit[v["unit"]].pk if v["unit"] else None
        o.nama, o.jenis, o.kepala_unit = v["nama"], v["jenis"], bool(v["kepala_unit"])
        o.nama_jf, o.jenjang = v["nama_jf"] or "", v["jenjang"] or ""
        o.kategori_jf = JENJANG_KATEGORI.get(o.jenjang, "")
        o.updated_at = now
        return o

    lepas = [isi(jab[k], p.jab[k]) for k, b in r["jabatan_ubah"] if b.get("kepala_unit") is False]
    Jabatan.objects.bulk_update(lepas, kolom_jab, batch_size=batch_size)
    jab_id = {k: o.pk for k, o in jab.items()}
    jab_id.update(_sisipkan_dict(Jabatan, [
        {"instansi_id": instansi.pk, "kode": k, "unit_id": unit[v["unit"]].pk if v["unit"] else None,
         "nama": v["nama"], "jenis": v["jenis"], "kepala_unit": bool(v["kepala_unit"]), "nama_jf": v["nama_jf"] or "",
         "jenjang": v["jenjang"] or "", "kategori_jf": JENJANG_KATEGORI.get(v["jenjang"] or "", "")}
        for k, v in r["jabatan_baru"]], batch_size=batch_size, now=now, kunci="kode", instansi=instansi))
    lain = [isi(jab[k], p.jab[k]) for k, b in r["jabatan_ubah"] if b.get("kepala_unit") is not False]
    Jabatan.objects.bulk_update(lain, kolom_jab, batch_size=batch_size)
    progres(75)
    # ---- pegawai and competences
    peg = dict(p.db_pegawai)
    kolom_peg = _KOLOM_PEGAWAI
    peg_id = {nip: o.pk for nip, o in peg.items()}
    peg_id.update(_sisipkan_dict(Pegawai, [
        {"instansi_id": instansi.pk, "nip": nip, **{k: v[k] for k in kolom_peg if k in v}}
        for nip, v in r["pegawai_baru"]], batch_size=batch_size, now=now, kunci="nip", instansi=instansi))
    ubah = []
    for nip, berubah in r["pegawai_ubah"]:
        lama = peg[nip]
        ubah.append(Pegawai(id=lama.pk, updated_at=now, **{k: berubah.get(k, lama[k]) for k in kolom_peg}))
    Pegawai.objects.bulk_update(ubah, [*kolom_peg, "updated_at"], batch_size=batch_size)
    progres(82)
    if r["kompetensi"]:
        nama = sorted({k for daftar in r["kompetensi"].values() for k in daftar})
        Kompetensi.objects.bulk_create([Kompetensi(nama=n) for n in nama], ignore_conflicts=True, batch_size=batch_size)
        komp = {}
        for i in range(0, len(nama), _CHUNK_IN):
            komp.update(Kompetensi.objects.filter(nama__in=nama[i:i + _CHUNK_IN]).values_list("nama", "pk"))
        through = Pegawai.kompetensi.through
        lama_ids = [peg_id[n] for n in r["kompetensi"] if n in p.db_pegawai]
        for i in range(0, len(lama_ids), _CHUNK_IN):
            through.objects.filter(pegawai_id__in=lama_ids[i:i + _CHUNK_IN]).delete()
        _sisipkan_nilai(through, ["pegawai_id", "kompetensi_id"],
                        [(peg_id[n], komp[k]) for n, daftar in r["kompetensi"].items() for k in daftar],
                        batch_size=batch_size, now=now)
    progres(86)
    # ---- holders
    PemangkuJabatan.objects.bulk_update(
        [PemangkuJabatan(id=o.pk, selesai=o.selesai, updated_at=now) for o in r["pemangku_tutup"]],
        ["selesai", "updated_at"], batch_size=batch_size)
    _sisipkan_nilai(PemangkuJabatan, ["jabatan_id", "pegawai_id", "jenis", "mulai", "selesai", "nomor_sk"],
                    [(jab_id[x["jabatan"]], peg_id[x["nip"]], x["jenis"], x["mulai"], None, "")
                     for x in r["pemangku_baru"]], batch_size=batch_size, now=now)
    progres(93)
    # ---- placements
    Kedudukan.objects.bulk_update(
        [Kedudukan(id=o.pk, selesai=o.selesai, updated_at=now) for o in r["kedudukan_tutup"]],
        ["selesai", "updated_at"], batch_size=batch_size)
    _sisipkan_nilai(Kedudukan, ["pegawai_id", "jabatan_ppk_id", "jabatan_pimpinan_id", "mulai", "selesai"],
                    [(peg_id[x["nip"]], jab_id[x["ppk"]], jab_id[x["pimpinan"]] if x["pimpinan"] else None,
                      x["mulai"], None) for x in r["kedudukan_baru"]], batch_size=batch_size, now=now)
    if len(r["pegawai_baru"]) + len(r["pemangku_baru"]) + len(r["jabatan_baru"]) > 2000:
        _analyze(UnitOrganisasi, Jabatan, Pegawai, PemangkuJabatan, Kedudukan, Pegawai.kompetensi.through)
    progres(99)


