import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ingestResultSchema, type ApiKeyPrincipal, type IngestResult } from '@mekong-ioc/shared';
import { JsonOnly } from '../../common/http/json-only.decorator';
import { ApiKeyScopes } from '../auth/decorators/access.decorators';
import { CurrentApiKey } from '../auth/principal';
import { IngestionException } from './ingestion.exception';
import { IngestionService } from './ingestion.service';

class IngestResultDto extends createZodDto(ingestResultSchema) {}

@ApiTags('ingestion')
@ApiSecurity('api-key')
@Controller('ingest')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  /**
   * 200 when at least one reading was stored or was already there; 422 when none could be
   * accepted; 503 with Retry-After when they could not be committed (send the same batch again:
   * duplicates are harmless).
   */
  @ApiKeyScopes()
  @JsonOnly()
  @Post(':feed')
  @HttpCode(200)
  @ApiBody({ description: 'A JSON array of 1 to 5,000 readings of this feed.' })
  @ApiOkResponse({ type: IngestResultDto })
  async ingest(@CurrentApiKey() apiKey: ApiKeyPrincipal, @Param('feed') feedName: string, @Body() body: unknown): Promise<IngestResult> {
    const feed = this.ingestion.authorize(apiKey, feedName);
    this.ingestion.assertBatch(body);
    const result = await this.ingestion.ingest(feed, body);
    if (!result.stored.length && !result.duplicates.length) {
      throw new IngestionException(
        'INGEST_NOTHING_ACCEPTED',
        'No reading of the batch could be accepted.',
        result.rejected.map((r) => ({ path: `${r.index}.${r.field}`, message: r.message })),
      );
    }
    return result;
  }
}
