"""Projects (or locations) vendors work on: list, read, create, change."""

from __future__ import annotations

from django.db.models import Count
from ninja import Query, Router, Status

from coitrack.api.auth import actor
from coitrack.api.errors import responses
from coitrack.api.lookups import org_object
from coitrack.api.pagination import id_param, limit_param, offset_param, page
from coitrack.api.schemas.vendors import ProjectIn, ProjectOut, ProjectPage, ProjectPatch
from coitrack.vendors import services
from coitrack.vendors.models import Project

router = Router(tags=["projects"])


def project_out(project: Project) -> dict:
    return {"id": project.pk, "name": project.name, "address": project.address,
            "start_date": project.start_date, "end_date": project.end_date,
            "vendor_count": project.vendor_count}


def _projects(request):
    return Project.objects.filter(organization=request.organization).annotate(
        vendor_count=Count("vendors", distinct=True))


def org_project(request, pk: int) -> Project:
    return org_object(request, _projects(request), pk, "project")


@router.get("/projects", response=responses(200, ProjectPage), operation_id="list_projects",
            summary="List projects")
def list_projects(request, q: str = Query("", max_length=200,
                                          description="Name containing this."),
                  limit: int = limit_param(), offset: int = offset_param()):
    projects = _projects(request).order_by("name", "id")
    q = q.replace("\x00", "").strip()
    if q:
        projects = projects.filter(name__icontains=q)
    return page(projects, limit=limit, offset=offset, convert=project_out)


@router.get("/projects/{project_id}", response=responses(200, ProjectOut),
            operation_id="get_project", summary="Read a project")
def get_project(request, project_id: int = id_param("project")):
    return project_out(org_project(request, project_id))


@router.post("/projects", response=responses(201, ProjectOut), operation_id="create_project",
             summary="Create a project")
def create_project(request, payload: ProjectIn):
    project = services.create_project(organization=request.organization, actor=actor(request),
                                      data=payload.model_dump())
    return Status(201, project_out(org_project(request, project.pk)))


@router.patch("/projects/{project_id}", response=responses(200, ProjectOut),
              operation_id="update_project", summary="Change a project")
def update_project(request, payload: ProjectPatch, project_id: int = id_param("project")):
    project = org_project(request, project_id)
    data = payload.model_dump(exclude_unset=True)
    if data.get("name", "") is None:
        data.pop("name")
    if "address" in data and data["address"] is None:
        data["address"] = ""
    services.update_project(organization=request.organization, actor=actor(request),
                            project=project, data=data)
    return project_out(org_project(request, project.pk))
