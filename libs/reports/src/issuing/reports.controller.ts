import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { GraduationReport, Id, IssueReportBody, ListReportsQuery, pageOf, RevokeReportBody } from '@app/contract';
import { Actor, AnyRole, CurrentActor, Idempotent, Roles } from '@app/platform';
import type { Response } from 'express';
import { ReportPdfService } from './report-pdf.service';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pdfs: ReportPdfService,
  ) {}

  @Idempotent()
  @Roles('admin')
  @Post('robots/:id/graduation-reports')
  @ApiOperation({
    summary: 'Issue the graduation report of a completed, passed graduation evaluation; the robot graduates',
  })
  @ApiCreatedResponse({ standardSchema: GraduationReport })
  @ApiUnprocessableEntityResponse({ description: 'not a completed, passed graduation evaluation of this robot' })
  @ApiConflictResponse({ description: 'the robot already holds a valid report, or is not enrolled' })
  issue(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: IssueReportBody }) body: IssueReportBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.reports.issue(id, body, actor);
  }

  @AnyRole()
  @Get('graduation-reports')
  @ApiOperation({ summary: 'Reports, by robot and status; a vendor sees only its robots’' })
  @ApiOkResponse({ standardSchema: pageOf(GraduationReport) })
  list(@Query({ schema: ListReportsQuery }) query: ListReportsQuery, @CurrentActor() actor: Actor) {
    return this.reports.list(query, actor);
  }

  @AnyRole()
  @Get('graduation-reports/:id')
  @ApiOkResponse({ standardSchema: GraduationReport })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.reports.get(id, actor);
  }

  @AnyRole()
  @Get('graduation-reports/:id/pdf')
  @Header('Cache-Control', 'private, no-cache')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The report as a PDF: an A4 certificate and a results page, with a QR code of its verification URL',
  })
  async pdf(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const report = await this.reports.visibleReport(id, actor);
    const pdf = await this.pdfs.of(report);
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${report.number}.pdf"`).send(pdf);
  }

  @Roles('admin')
  @Post('graduation-reports/:id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a report with a reason; verification then answers "revoked" and the robot is enrolled again',
  })
  @ApiOkResponse({ standardSchema: GraduationReport })
  @ApiConflictResponse({ description: 'already revoked' })
  revoke(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: RevokeReportBody }) body: RevokeReportBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.reports.revoke(id, body, actor);
  }
}
