"""Reports (DOMAIN §4.2 step 8, §4.5): anggota → ketua, ketua → Pimpinan Unit (or the regional
variant), individual assignee → the recipient the rules name, the ketua's note on each member
→ that member's own PPK and Pimpinan Unit (through ``Kedudukan`` on the date, citing the
Surat Tugas of the member's assignment), and answers to report requests. A report holds
progress per milestone, realisation and evidence; the recipient accepts it or returns it with a
note; a returned report is revised and sent again."""
from __future__ import annotations

import hashlib
import os
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from penugasan.models import AnggotaTim, Penugasan, PeranTim, StatusPenugasan, StatusTim, TimKerja

from ..models import (
    BuktiLaporan,
    JenisLaporan,
    Laporan,
    PermintaanLaporan,
    ProgresTonggak,
    StatusLaporan,
    StatusPermintaan,
    TargetJabatan,
    TonggakRencana,
)
from ..penerima import ketua_tim, pastikan_pejabat, penerima_laporan
from ._pelaksanaan import beri_tahu, id_wajib, periode_pada, tanggal, teks, url_objek
from ._umum import angka, aturan, dengan_jejak, hari_ini, jejak_catat, pegawai_actor
from .matriks import target_tim

JENIS_BERKAS = {  # extension → (MIME type, signature at the start of the file)
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
}


def _tim_aktif(tim_id) -> TimKerja:
    tim = TimKerja.objects.select_related("unit__perangkat_daerah", "instansi", "penanggung_jawab").filter(
        pk=id_wajib(tim_id, field="tim_id")).first()
    if tim is None:
        raise ValidationError({"tim_id": [_("Tim kerja tidak ditemukan.")]})
    if tim.status != StatusTim.AKTIF:
        raise KonflikError(_("%(tim)s tidak aktif lagi.") % {"tim": tim.nama})
    return tim


def _progres(progres, *, tim: TimKerja | None, penugasan: Penugasan | None) -> list[tuple[TonggakRencana, int, str]]:
    if progres in (None, ""):
        return []
    if not isinstance(progres, list):
        raise ValidationError({"progres": [_("Harus berupa daftar.")]})
    milik = TonggakRencana.objects.filter(Q(rencana__tim=tim) if tim is not None else Q(rencana__penugasan=penugasan))
    tonggak = {t.pk: t for t in milik}
    hasil, galat, dilihat = [], {}, set()
    for i, p in enumerate(progres):
        a = f"progres[{i}]."
        if not isinstance(p, dict):
            galat[f"progres[{i}]"] = [_("Harus berupa objek.")]
            continue
        t = tonggak.get(p.get("tonggak_id"))
        if t is None:
            galat[a + "tonggak_id"] = [_("Bukan tonggak rencana aksi tim/penugasan ini.")]
            continue
        if t.pk in dilihat:
            galat[a + "tonggak_id"] = [_("Tonggak disebut dua kali.")]
        dilihat.add(t.pk)
        persen = p.get("persen")
        if isinstance(persen, bool) or not isinstance(persen, int):
            try:
                persen = int(str(persen))
            except (TypeError, ValueError):
                galat[a + "persen"] = [_("Isi angka bulat 0–100.")]
                continue
        if not 0 <= persen <= 100:
            galat[a + "persen"] = [_("Isi angka bulat 0–100.")]
            continue
        try:
            catatan = teks(p.get("catatan"), field=a + "catatan", wajib=False, maks=1000)
        except ValidationError as exc:
            galat.update(exc.message_dict)
            continue
        hasil.append((t, persen, catatan))
    if galat:
        raise ValidationError(galat)
    return hasil


def _simpan_progres(laporan: Laporan, progres) -> None:
    laporan.progres.all().delete()
    for t, persen, catatan in progres:
        ProgresTonggak.objects.create(laporan=laporan, tonggak=t, persen=persen, catatan=catatan)
        if t.progres != persen:
            t.progres = persen
            t.save(update_fields=["progres", "updated_at"])


def _target(target_id, *, tim, penugasan) -> TargetJabatan | None:
    if target_id in (None, ""):
        return None
    target_id = id_wajib(target_id, field="target_id")
    if tim is not None:
        qs = target_tim(tim)
    else:
        q = Q(tautan__penugasan=penugasan)
        if penugasan.permohonan_id:
            q |= Q(tautan__permohonan_id=penugasan.permohonan_id)
        qs = TargetJabatan.objects.filter(q).distinct()
    t = qs.filter(pk=target_id).first()
    if t is None:
        raise ValidationError({"target_id": [_("Target ini tidak dilayani oleh tim/penugasan tersebut.")]})
    return t


def _penugasan_anggota(tim: TimKerja, pegawai) -> Penugasan | None:
    return Penugasan.objects.filter(tim=tim, pegawai=pegawai).order_by("-mulai", "-id").first()


@dengan_jejak(AksiAudit.KINERJA_LAPORAN_KIRIM, model=Laporan, kunci="laporan_id")
def laporan_kirim(*, actor, ip: str | None = None, jenis: str, ringkasan: str, tim_id=None, penugasan_id=None,
                  target_id=None, tentang_pegawai_id=None, permintaan_id=None, realisasi=None, progres=None,
                  periode_mulai=None, periode_selesai=None, kepada: str = "", laporan_id=None) -> Laporan:
    """Write and send a report. Who may send which kind, and to whom, follows the rules in force
    (``penerima.penerima_laporan``); the recipient and the copies are told through the outbox."""
    pelapor = pegawai_actor(actor)
    hari = hari_ini()
    if jenis not in JenisLaporan.values:
        raise ValidationError({"jenis": [_("Pilih salah satu: %(p)s.") % {"p": ", ".join(JenisLaporan.values)}]})
    ringkasan = teks(ringkasan, field="ringkasan")
    tim = penugasan = tentang = permintaan = None
    if jenis in (JenisLaporan.ANGGOTA_KE_KETUA, JenisLaporan.TIM, JenisLaporan.CATATAN_ANGGOTA):
        tim = _tim_aktif(tim_id)
        ketua = ketua_tim(tim)
        adalah_ketua = ketua is not None and ketua.pk == pelapor.pk
        if jenis == JenisLaporan.ANGGOTA_KE_KETUA:
            if adalah_ketua or not AnggotaTim.objects.filter(tim=tim, pegawai=pelapor).exists():
                raise PermissionDenied(_("Hanya anggota %(tim)s yang melapor kepada ketua.") % {"tim": tim.nama})
        elif not adalah_ketua:
            raise PermissionDenied(_("Hanya ketua %(tim)s yang dapat mengirim laporan ini.") % {"tim": tim.nama})
        if jenis == JenisLaporan.CATATAN_ANGGOTA:
            tentang_pegawai_id = id_wajib(tentang_pegawai_id, field="tentang_pegawai_id")
            anggota = AnggotaTim.objects.filter(tim=tim, pegawai_id=tentang_pegawai_id, peran=PeranTim.ANGGOTA
                                                ).select_related("pegawai").first()
            if anggota is None:
                raise ValidationError({"tentang_pegawai_id": [_("Bukan anggota %(tim)s.") % {"tim": tim.nama}]})
            tentang = anggota.pegawai
            penugasan = _penugasan_anggota(tim, tentang)
    elif jenis == JenisLaporan.INDIVIDU:
        penugasan = Penugasan.objects.select_related("unit", "instansi").filter(
            pk=id_wajib(penugasan_id, field="penugasan_id")).first()
        if penugasan is None or penugasan.tim_id:
            raise ValidationError({"penugasan_id": [_("Penugasan individu tidak ditemukan.")]})
        if penugasan.pegawai_id != pelapor.pk:
            raise PermissionDenied(_("Hanya pegawai yang ditugaskan yang melaporkan penugasan ini."))
        if penugasan.status != StatusPenugasan.AKTIF:
            raise KonflikError(_("Penugasan ini tidak aktif lagi."))
    else:  # answer to a request
        permintaan = PermintaanLaporan.objects.select_for_update(of=("self",)).filter(
            pk=id_wajib(permintaan_id, field="permintaan_id")).first()
        if permintaan is None:
            raise ValidationError({"permintaan_id": [_("Permintaan laporan tidak ditemukan.")]})
        if permintaan.kepada_id != pelapor.pk:
            raise PermissionDenied(_("Permintaan laporan ini ditujukan kepada pegawai lain."))
        if permintaan.status != StatusPermintaan.TERBUKA:
            raise KonflikError(_("Permintaan laporan ini sudah %(s)s.") % {"s": permintaan.get_status_display().lower()})
        tim = permintaan.tim
    target = _target(target_id, tim=tim, penugasan=penugasan) if jenis != JenisLaporan.JAWABAN_PERMINTAAN else permintaan.target
    progres = _progres(progres, tim=tim, penugasan=penugasan) if jenis != JenisLaporan.CATATAN_ANGGOTA else []
    realisasi = angka(realisasi, field="realisasi")
    instansi = tim.instansi if tim is not None else (penugasan.instansi if penugasan is not None else pelapor.instansi)
    atur = aturan(instansi=instansi, tanggal=hari)
    mulai = tanggal(periode_mulai, field="periode_mulai", wajib=False)
    selesai = tanggal(periode_selesai, field="periode_selesai", wajib=False)
    periodik = jenis in (JenisLaporan.ANGGOTA_KE_KETUA, JenisLaporan.TIM, JenisLaporan.INDIVIDU)
    if periodik and mulai is None:
        mulai, selesai_bawaan = periode_pada(atur.periode_laporan, hari)
        selesai = selesai or selesai_bawaan
    if mulai and selesai and selesai < mulai:
        raise ValidationError({"periode_selesai": [_("Tidak boleh sebelum periode mulai.")]})
    if jenis == JenisLaporan.JAWABAN_PERMINTAAN:
        kepada_jabatan, kepada_pegawai, tembusan = permintaan.jabatan_peminta, (
            None if permintaan.jabatan_peminta_id else permintaan.peminta), []
    else:
        rencana = penerima_laporan(jenis=jenis, pelapor=pelapor, tim=tim, penugasan=penugasan, tentang=tentang,
                                   kepada=kepada, tanggal=hari)
        kepada_jabatan, kepada_pegawai, tembusan = rencana.jabatan, rencana.pegawai, rencana.tembusan
    if kepada_jabatan is None and kepada_pegawai is None:
        raise KonflikError(_("Penerima laporan tidak dapat ditentukan dari struktur organisasi."))
    laporan = Laporan(jenis=jenis, periodik=periodik, periode_mulai=mulai, periode_selesai=selesai, pelapor=pelapor,
                      penerima_jabatan=kepada_jabatan, penerima_pegawai=kepada_pegawai, tim=tim, penugasan=penugasan,
                      target=target, tentang_pegawai=tentang, permintaan=permintaan, ringkasan=ringkasan,
                      realisasi=realisasi)
    laporan.kirim()
    laporan.dikirim_pada = timezone.now()
    laporan.save()
    if tembusan:
        laporan.tembusan_jabatan.set(tembusan)
    _simpan_progres(laporan, progres)
    if permintaan is not None:
        permintaan.jawab()
        permintaan.save(update_fields=["status", "updated_at"])
        jejak_catat(actor=actor, objek=permintaan, aksi=AksiAudit.KINERJA_PERMINTAAN_JAWAB, diizinkan=True,
                    status_dari=StatusPermintaan.TERBUKA, status_ke=permintaan.status, ip=ip,
                    alasan=f"laporan #{laporan.pk}")
    jejak_catat(actor=actor, objek=laporan, aksi=AksiAudit.KINERJA_LAPORAN_KIRIM, diizinkan=True,
                status_dari=StatusLaporan.DRAF, status_ke=laporan.status, ip=ip,
                alasan=f"{laporan.get_jenis_display()} kepada {laporan.penerima_pegawai or laporan.penerima_jabatan}")
    _beri_tahu_penerima(laporan, actor=actor)
    return laporan


def _beri_tahu_penerima(laporan: Laporan, *, actor) -> None:
    beri_tahu(jabatan=[j for j in [laporan.penerima_jabatan, *laporan.tembusan_jabatan.all()] if j is not None],
              pegawai=[laporan.penerima_pegawai] if laporan.penerima_pegawai_id else [],
              jenis="laporan_kinerja", judul=_("Laporan masuk: %(j)s dari %(n)s") % {
                  "j": laporan.get_jenis_display(), "n": laporan.pelapor.nama_lengkap},
              pesan=laporan.ringkasan[:500], url=url_objek("laporan", laporan.pk), objek=laporan, kecuali=actor,
              kunci=f"laporan:{laporan.pk}:kirim:{laporan.dikirim_pada.isoformat()}")


def _laporan_terkunci(laporan_id) -> Laporan:
    return Laporan.objects.select_for_update(of=("self",)).select_related(
        "pelapor", "penerima_jabatan", "penerima_pegawai", "tim").get(pk=id_wajib(laporan_id, field="laporan_id"))


@dengan_jejak(AksiAudit.KINERJA_LAPORAN_KIRIM, model=Laporan, kunci="laporan_id")
def laporan_kirim_ulang(*, actor, ip: str | None = None, laporan_id: int, ringkasan: str, realisasi=None,
                        progres=None) -> Laporan:
    """The reporter revises a returned report and sends it again."""
    laporan = _laporan_terkunci(laporan_id)
    if laporan.pelapor_id != pegawai_actor(actor).pk:
        raise PermissionDenied(_("Hanya pelapor yang dapat memperbaiki laporan ini."))
    if laporan.status != StatusLaporan.DIKEMBALIKAN:
        raise KonflikError(_("Hanya laporan yang dikembalikan yang dapat dikirim ulang."))
    laporan.ringkasan = teks(ringkasan, field="ringkasan")
    laporan.realisasi = angka(realisasi, field="realisasi")
    progres = _progres(progres, tim=laporan.tim, penugasan=laporan.penugasan)
    laporan.kirim()
    laporan.dikirim_pada = timezone.now()
    laporan.save(update_fields=["ringkasan", "realisasi", "status", "dikirim_pada", "updated_at"])
    if progres:
        _simpan_progres(laporan, progres)
    jejak_catat(actor=actor, objek=laporan, aksi=AksiAudit.KINERJA_LAPORAN_KIRIM, diizinkan=True,
                status_dari=StatusLaporan.DIKEMBALIKAN, status_ke=laporan.status, ip=ip, alasan="dikirim ulang")
    _beri_tahu_penerima(laporan, actor=actor)
    return laporan


def _pastikan_penerima(*, actor, laporan: Laporan):
    if laporan.penerima_pegawai_id:
        return pastikan_pejabat(actor=actor, pegawai=laporan.penerima_pegawai)
    return pastikan_pejabat(actor=actor, jabatan=laporan.penerima_jabatan)


def _tanggapi(*, actor, ip, laporan_id, catatan: str, terima: bool) -> Laporan:
    laporan = _laporan_terkunci(laporan_id)
    pejabat = _pastikan_penerima(actor=actor, laporan=laporan)
    catatan = teks(catatan, field="catatan", wajib=not terima)
    if laporan.status != StatusLaporan.DIKIRIM:
        raise KonflikError(_("Laporan ini sudah ditanggapi (%(s)s).") % {"s": laporan.get_status_display().lower()})
    laporan.terima() if terima else laporan.kembalikan()
    laporan.ditanggapi_pada = timezone.now()
    laporan.ditanggapi_oleh = pejabat.pegawai
    laporan.catatan_penerima = catatan
    laporan.save(update_fields=["status", "ditanggapi_pada", "ditanggapi_oleh", "catatan_penerima", "updated_at"])
    aksi = AksiAudit.KINERJA_LAPORAN_TERIMA if terima else AksiAudit.KINERJA_LAPORAN_KEMBALIKAN
    jejak_catat(actor=actor, objek=laporan, aksi=aksi, diizinkan=True, status_dari=StatusLaporan.DIKIRIM,
                status_ke=laporan.status, ip=ip, pejabat=pejabat, alasan=catatan)
    beri_tahu(pegawai=[laporan.pelapor], jenis="laporan_kinerja",
              judul=(_("Laporan Anda diterima") if terima else _("Laporan Anda dikembalikan dengan catatan")),
              pesan=catatan, url=url_objek("laporan", laporan.pk), objek=laporan, kecuali=actor,
              kunci=f"laporan:{laporan.pk}:{laporan.status}:{laporan.ditanggapi_pada.isoformat()}")
    return laporan


@dengan_jejak(AksiAudit.KINERJA_LAPORAN_TERIMA, model=Laporan, kunci="laporan_id")
def laporan_terima(*, actor, ip: str | None = None, laporan_id: int, catatan: str = "") -> Laporan:
    """The recipient (holder/Plt/Plh of the receiving position, or the person) accepts."""
    return _tanggapi(actor=actor, ip=ip, laporan_id=laporan_id, catatan=catatan, terima=True)


@dengan_jejak(AksiAudit.KINERJA_LAPORAN_KEMBALIKAN, model=Laporan, kunci="laporan_id")
def laporan_kembalikan(*, actor, ip: str | None = None, laporan_id: int, catatan: str) -> Laporan:
    """The recipient returns the report with a note (required)."""
    return _tanggapi(actor=actor, ip=ip, laporan_id=laporan_id, catatan=catatan, terima=False)


# --------------------------------------------------------------------------- evidence


def _periksa_berkas(berkas, *, jumlah_ada: int) -> tuple[str, str]:
    if jumlah_ada >= settings.KINERJA_BUKTI_MAKS_JUMLAH:
        raise ValidationError({"berkas": [_("Paling banyak %(n)s bukti per laporan.")
                                          % {"n": settings.KINERJA_BUKTI_MAKS_JUMLAH}]})
    nama = os.path.basename(getattr(berkas, "name", "") or "")
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ext not in JENIS_BERKAS:
        raise ValidationError({"berkas": [_("Jenis berkas tidak diizinkan; gunakan %(j)s.")
                                          % {"j": ", ".join(sorted(JENIS_BERKAS))}]})
    ukuran = getattr(berkas, "size", None) or 0
    if ukuran <= 0:
        raise ValidationError({"berkas": [_("Berkas kosong.")]})
    if ukuran > settings.KINERJA_BUKTI_MAKS_BITA:
        raise ValidationError({"berkas": [_("Ukuran berkas melebihi %(mb)s MB.")
                                          % {"mb": settings.KINERJA_BUKTI_MAKS_BITA // (1024 * 1024)}]})
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    mime, tanda = JENIS_BERKAS[ext]
    if not any(kepala.startswith(t) for t in tanda):
        raise ValidationError({"berkas": [_("Isi berkas tidak sesuai dengan jenisnya (.%(ext)s).") % {"ext": ext}]})
    return ext, mime


@dengan_jejak(AksiAudit.KINERJA_BUKTI_TAMBAH, model=Laporan, kunci="laporan_id")
def bukti_tambah(*, actor, ip: str | None = None, laporan_id: int, berkas=None, tautan: str = "",
                 nama: str = "") -> BuktiLaporan:
    """Attach evidence to one's own report (not yet accepted): a file (type, size and count
    checked; stored outside the web root under a random name) or a link."""
    laporan = _laporan_terkunci(laporan_id)
    if laporan.pelapor_id != pegawai_actor(actor).pk:
        raise PermissionDenied(_("Hanya pelapor yang dapat menambahkan bukti."))
    if laporan.status == StatusLaporan.DITERIMA:
        raise KonflikError(_("Laporan yang sudah diterima tidak dapat diubah."))
    tautan = teks(tautan, field="tautan", wajib=False, maks=500)
    if bool(berkas) == bool(tautan):
        raise ValidationError({"berkas": [_("Isi tepat satu: berkas atau tautan.")]})
    nama = teks(nama, field="nama", wajib=False, maks=250)
    jumlah = laporan.bukti.count()
    if tautan:
        if jumlah >= settings.KINERJA_BUKTI_MAKS_JUMLAH:
            raise ValidationError({"tautan": [_("Paling banyak %(n)s bukti per laporan.")
                                              % {"n": settings.KINERJA_BUKTI_MAKS_JUMLAH}]})
        try:
            URLValidator(schemes=["http", "https"])(tautan)
        except ValidationError:
            raise ValidationError({"tautan": [_("Tautan harus alamat http(s) yang sah.")]}) from None
        bukti = BuktiLaporan.objects.create(laporan=laporan, tautan=tautan, nama=nama or tautan[:250])
    else:
        ext, mime = _periksa_berkas(berkas, jumlah_ada=jumlah)
        h = hashlib.sha256()
        for potong in berkas.chunks():
            h.update(potong)
        berkas.seek(0)
        asli = os.path.basename(berkas.name)[:200]
        bukti = BuktiLaporan(laporan=laporan, nama=nama or asli, ukuran=berkas.size, sha256=h.hexdigest(),
                             jenis_berkas=mime)
        bukti.berkas.save(f"{uuid.uuid4().hex}.{ext}", berkas, save=False)
        bukti.save()
    jejak_catat(actor=actor, objek=laporan, aksi=AksiAudit.KINERJA_BUKTI_TAMBAH, diizinkan=True, ip=ip,
                alasan=f"bukti #{bukti.pk}: {bukti.nama}")
    return bukti
