from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0002_reading_evidence'),
    ]

    operations = [
        migrations.AddField(
            model_name='certificate',
            name='endorsements',
            field=models.JSONField(blank=True, default=list),
        ),
    ]
