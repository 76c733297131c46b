import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { alertRuleListSchema, alertRuleSchema, upsertAlertRuleRequestSchema, type AlertRule, type AlertRuleList } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { AlertRulesService } from './alert-rules.service';

class AlertRuleListDto extends createZodDto(alertRuleListSchema) {}
class AlertRuleDto extends createZodDto(alertRuleSchema) {}
class UpsertAlertRuleRequestDto extends createZodDto(upsertAlertRuleRequestSchema) {}

const ruleId = new ParseUUIDPipe({ version: undefined });

/** Alert rules are data: admins write them; duty officers may read why an alert fired. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Roles('admin', 'duty_officer')
  @Get()
  @ApiOkResponse({ type: AlertRuleListDto })
  async list(): Promise<AlertRuleList> {
    return { items: await this.rules.list() };
  }

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: AlertRuleDto })
  create(@Body() body: UpsertAlertRuleRequestDto): Promise<AlertRule> {
    return this.rules.create(body);
  }

  /** Replaces the rule; its active alerts clear and are raised again under the new numbers if still crossed. */
  @Roles('admin')
  @Put(':id')
  @ApiOkResponse({ type: AlertRuleDto })
  update(@Param('id', ruleId) id: string, @Body() body: UpsertAlertRuleRequestDto): Promise<AlertRule> {
    return this.rules.update(id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', ruleId) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}
