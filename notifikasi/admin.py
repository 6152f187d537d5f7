from django.contrib import admin

from .models import Notifikasi, Outbox


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    list_display = ["judul", "penerima", "jenis", "created_at", "dibaca_pada"]
    list_filter = ["jenis"]
    search_fields = ["judul", "kunci", "penerima__username"]
    raw_id_fields = ["penerima"]
    readonly_fields = ["kunci", "created_at", "dibaca_pada"]


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["kunci", "recipient", "subject"]
    raw_id_fields = ["penerima"]
    readonly_fields = ["kunci", "created_at", "updated_at", "sent_at", "last_error", "attempts"]
