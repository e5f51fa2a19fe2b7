"""Marshmallow schemas shared by the API resources of several domains."""

from __future__ import annotations

from marshmallow import Schema, fields

from heltidnett.api import Int


class MunicipalityRefSchema(Schema):
    id = fields.Int(dump_only=True)
    name = fields.Str()
    number = fields.Str()


class UnitSchema(Schema):
    id = fields.Int(dump_only=True)
    municipality_id = fields.Int(dump_only=True)
    name = fields.Str(required=True, validate=lambda s: 0 < len(s.strip()) <= 200)
    kind = fields.Str(load_default="other")
    is_pilot = fields.Bool(load_default=False)


class MunicipalitySchema(MunicipalityRefSchema):
    county = fields.Str()
    population = Int(allow_none=True)
    written_standard = fields.Function(lambda m: m.written_standard.value)
    units = fields.List(fields.Nested(UnitSchema), dump_only=True)


class NetworkSchema(Schema):
    id = fields.Int(dump_only=True)
    name = fields.Str()
    region = fields.Str()
    description = fields.Str()
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    status = fields.Function(lambda n: n.status.value)


class MembershipSchema(Schema):
    network_id = Int()
    role = fields.Function(lambda m: m.role.value)
    municipality_id = Int(allow_none=True)


class UserSchema(Schema):
    id = Int()
    name = fields.Str()
    email = fields.Str()
    language = fields.Str()
    is_admin = fields.Bool()
    is_facilitator = fields.Bool()
    memberships = fields.List(fields.Nested(MembershipSchema))
